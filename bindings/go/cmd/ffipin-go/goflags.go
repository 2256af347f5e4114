package main

import "strings"

// splitQuoted splits GOFLAGS as the go command does (cmd/internal/quoted):
// fields separated by spaces, a field may be wrapped whole in '...' or
// "..." (no escapes inside).
func splitQuoted(s string) ([]string, error) {
	var f []string
	for {
		s = strings.TrimLeft(s, " \t\n\r")
		if s == "" {
			return f, nil
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fail("GOFLAGS: unterminated %c string", q)
			}
			f = append(f, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\n\r")
		if end < 0 {
			end = len(s)
		}
		f = append(f, s[:end])
		s = s[end:]
	}
}

// joinQuoted is splitQuoted's inverse.
func joinQuoted(fields []string) (string, error) {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case f != "" && !strings.ContainsAny(f, " \t\n\r\"'"):
			b.WriteString(f)
		case !strings.Contains(f, "'"):
			b.WriteString("'" + f + "'")
		case !strings.Contains(f, `"`):
			b.WriteString(`"` + f + `"`)
		default:
			return "", fail("GOFLAGS cannot hold %q (a value with spaces and both quotes)", f)
		}
	}
	return b.String(), nil
}
