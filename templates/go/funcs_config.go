package kotstemplate

import "text/template"

func configFuncs(c *Context, items ConfigItems) template.FuncMap { return template.FuncMap{} }
