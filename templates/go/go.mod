module kots-tui.dev/templates

go 1.24
