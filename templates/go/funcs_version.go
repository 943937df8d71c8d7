package kotstemplate

import "text/template"

func versionFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
