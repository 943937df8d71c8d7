package kotstemplate

import "text/template"

func staticFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
