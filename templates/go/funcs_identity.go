package kotstemplate

import "text/template"

func identityFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
