package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// ErrNotWorkbook is the error for a file that is no .xlsx workbook.
var ErrNotWorkbook = errors.New("not an .xlsx workbook")

// MaxStrings bounds the shared strings a workbook may hold, and so the memory they take.
const MaxStrings = 4 << 20

// Reader reads the rows of a workbook's first sheet.
type Reader struct {
	Sheet   string // the sheet's name
	strings []string
	dec     *xml.Decoder
	body    io.ReadCloser
	row     int // the last row read, as the spreadsheet numbers it
}

// Open reads the workbook's parts and readies its first sheet.
func Open(r io.ReaderAt, size int64) (*Reader, error) { return OpenSheet(r, size, 0) }

// OpenSheet is Open for the sheet at index n, from 0.
func OpenSheet(r io.ReaderAt, size int64, n int) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrNotWorkbook
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	name, target, err := sheet(files, n)
	if err != nil {
		return nil, err
	}
	x := &Reader{Sheet: name}
	if f := files["xl/sharedStrings.xml"]; f != nil {
		if x.strings, err = sharedStrings(f); err != nil {
			return nil, err
		}
	}
	f := files[target]
	if f == nil {
		return nil, fmt.Errorf("%w: the sheet %q is missing", ErrNotWorkbook, name)
	}
	if x.body, err = f.Open(); err != nil {
		return nil, err
	}
	x.dec = xml.NewDecoder(x.body)
	return x, nil
}

// Close ends the reading.
func (x *Reader) Close() error { return x.body.Close() }

// ErrNoSheet is OpenSheet's error for a sheet past the last.
var ErrNoSheet = errors.New("no such sheet")

// sheet is the n-th sheet's name and the part that holds it.
func sheet(files map[string]*zip.File, n int) (name, part string, err error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil || len(wb.Sheets) == 0 {
		return "", "", ErrNotWorkbook
	}
	if n >= len(wb.Sheets) {
		return "", "", ErrNoSheet
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return "", "", ErrNotWorkbook
	}
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[n].ID {
			target := r.Target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			return wb.Sheets[n].Name, target, nil
		}
	}
	return "", "", fmt.Errorf("%w: the sheet %q has no part", ErrNotWorkbook, wb.Sheets[n].Name)
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return ErrNotWorkbook
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// sharedStrings reads the table of text that cells refer to by number; a string of
// several runs of formatting is their text together.
func sharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var out []string
	var cur strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh": // phonetic hints are not the text
				dec.Skip()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(out) >= MaxStrings {
					return nil, fmt.Errorf("more than %d different texts in the workbook", MaxStrings)
				}
				out = append(out, cur.String())
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

// Next returns the next row with anything in it, and its number as the spreadsheet shows
// it; io.EOF after the last. Cells left out before the last one are empty strings.
func (x *Reader) Next() ([]string, int, error) {
	for {
		tok, err := x.dec.Token()
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "row" {
			continue
		}
		x.row++
		if n, err := strconv.Atoi(attr(start, "r")); err == nil && n > 0 {
			x.row = n
		}
		cells, err := x.cells()
		if err != nil {
			return nil, 0, err
		}
		return cells, x.row, nil
	}
}

// cells reads a row's cells, up to the end of the row.
func (x *Reader) cells() ([]string, error) {
	var out []string
	col := 0
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: row %d: %v", ErrNotWorkbook, x.row, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "row" {
				return out, nil
			}
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			col++
			if c := columnOf(attr(t, "r")); c > 0 {
				col = c
			}
			v, err := x.value(t)
			if err != nil {
				return nil, err
			}
			for len(out) < col-1 {
				out = append(out, "")
			}
			out = append(out, v)
		}
	}
}

// value reads a cell's value as text: shared and inline text as it is, a number as Excel
// stores it, TRUE or FALSE for a truth value.
func (x *Reader) value(c xml.StartElement) (string, error) {
	kind := attr(c, "t")
	var v, inline strings.Builder
	in := ""
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return "", fmt.Errorf("%w: row %d: %v", ErrNotWorkbook, x.row, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local
		case xml.EndElement:
			if t.Name.Local == "c" {
				return x.text(kind, v.String(), inline.String())
			}
			in = ""
		case xml.CharData:
			switch in {
			case "v":
				v.Write(t)
			case "t":
				inline.Write(t)
			}
		}
	}
}

func (x *Reader) text(kind, v, inline string) (string, error) {
	switch kind {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.strings) {
			return "", fmt.Errorf("%w: row %d refers to text that is not there", ErrNotWorkbook, x.row)
		}
		return x.strings[i], nil
	case "inlineStr":
		return inline, nil
	case "b":
		if strings.TrimSpace(v) == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	}
	return v, nil // a number, a formula's text, an error, a date in ISO form
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf is the column of a cell reference such as "C5": 3; 0 if it has none.
func columnOf(ref string) int {
	n := 0
	for _, r := range ref {
		if r < 'A' || r > 'Z' {
			break
		}
		n = n*26 + int(r-'A'+1)
	}
	return n
}
