package kotstemplate

import "text/template"

func clusterFuncs(c *Context) template.FuncMap { return template.FuncMap{} }
