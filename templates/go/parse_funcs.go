package kotstemplate

import "text/template/parse"

// collectFuncs adds the name of every function node under n to into.
func collectFuncs(n parse.Node, into map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			collectFuncs(c, into)
		}
	case *parse.ActionNode:
		collectFuncs(n.Pipe, into)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			collectFuncs(c, into)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			collectFuncs(a, into)
		}
	case *parse.IdentifierNode:
		into[n.Ident] = true
	case *parse.ChainNode:
		collectFuncs(n.Node, into)
	case *parse.IfNode:
		collectBranch(&n.BranchNode, into)
	case *parse.RangeNode:
		collectBranch(&n.BranchNode, into)
	case *parse.WithNode:
		collectBranch(&n.BranchNode, into)
	case *parse.TemplateNode:
		collectFuncs(n.Pipe, into)
	}
}

func collectBranch(b *parse.BranchNode, into map[string]bool) {
	collectFuncs(b.Pipe, into)
	collectFuncs(b.List, into)
	if b.ElseList != nil {
		collectFuncs(b.ElseList, into)
	}
}
