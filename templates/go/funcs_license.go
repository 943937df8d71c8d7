package kotstemplate

import "text/template"

func licenseFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
