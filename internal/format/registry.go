package format

// All is every format, in the order help lists them. A new format is declared in a file of
// its own and added here.
var All = []*Format{Text, Markdown, JSON, HTML, JSONL, CSV, XLSX, YAML}
