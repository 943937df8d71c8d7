package kotstemplate

import "text/template"

func registryFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
