package ingest

func sniffBank(head []byte) string { return "" }

func (l *loader) bank(format string) error { return nil }
