// Package reports writes the annual report model (govbuy.Report) in the forms
// officers hand on: JSON for scripts, an Excel workbook to check and rework
// the figures, and a PDF to print, sign and stamp.
//
// Every writer takes the model and an io.Writer: it does no database access
// and opens no files, so callers choose where a report goes and replace it
// atomically (see WriteFile). Money stays integer fen until it becomes text;
// spreadsheet numbers are written from exact decimal text, never through
// float64.
package reports
