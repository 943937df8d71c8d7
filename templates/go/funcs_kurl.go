package kotstemplate

import "text/template"

func kurlFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
