using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfWorkflow.Workflows.Export;

/// <summary>
/// Streams one worksheet row by row (SAX, no DOM). Text is always an inline string, never a formula, so user text
/// beginning with =, +, -, @, tab or CR stays text; numbers are numbers. Merges are collected and written at the end.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private readonly List<string> _merges = [];
    private uint _row;
    private bool _rowOpen;

    public SheetWriter(WorksheetPart part, IReadOnlyList<double> columnWidths)
    {
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new Columns());
        for (var i = 0; i < columnWidths.Count; i++)
        {
            _writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columnWidths[i], CustomWidth = true });
        }
        _writer.WriteEndElement();
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>The 1-based number of the row being written.</summary>
    public uint RowNumber => _row;

    /// <summary>Starts the next row; a height in points when the row holds wrapped text.</summary>
    public void Row(double? height = null)
    {
        EndRow();
        _row++;
        var row = new Row { RowIndex = _row };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }
        _writer.WriteStartElement(row);
        _rowOpen = true;
    }

    public void Text(int column, string? value, uint style = WorkbookStyles.Text)
    {
        var cell = new Cell { CellReference = Reference(column, _row), StyleIndex = style };
        if (!string.IsNullOrEmpty(value))
        {
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve });
        }
        _writer.WriteElement(cell);
    }

    public void Number(int column, decimal? value, uint style = WorkbookStyles.Amount)
    {
        var cell = new Cell { CellReference = Reference(column, _row), StyleIndex = style };
        if (value is { } v)
        {
            cell.CellValue = new CellValue(v.ToString("0.##########", CultureInfo.InvariantCulture));
        }
        _writer.WriteElement(cell);
    }

    /// <summary>Styled empty cells, so a merged range keeps its borders in every program.</summary>
    public void Blank(int fromColumn, int toColumn, uint style)
    {
        for (var c = fromColumn; c <= toColumn; c++)
        {
            _writer.WriteElement(new Cell { CellReference = Reference(c, _row), StyleIndex = style });
        }
    }

    public void Merge(int fromColumn, uint fromRow, int toColumn, uint toRow)
    {
        if (fromColumn != toColumn || fromRow != toRow)
        {
            _merges.Add($"{Reference(fromColumn, fromRow)}:{Reference(toColumn, toRow)}");
        }
    }

    public void Dispose()
    {
        EndRow();
        _writer.WriteEndElement(); // sheetData
        if (_merges.Count > 0)
        {
            _writer.WriteStartElement(new MergeCells { Count = (uint)_merges.Count });
            foreach (var merge in _merges)
            {
                _writer.WriteElement(new MergeCell { Reference = merge });
            }
            _writer.WriteEndElement();
        }
        _writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
        _writer.WriteEndElement(); // worksheet
        _writer.Dispose();
    }

    private void EndRow()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }

    /// <summary>A1-style reference of a 1-based column and row.</summary>
    public static string Reference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>A row height in points that shows <paramref name="text"/> wrapped in a cell about <paramref name="width"/> characters wide.</summary>
    public static double HeightFor(string text, double width)
    {
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            // A CJK character takes about two widths of a Latin digit.
            var units = paragraph.Sum(c => c < 0x2E80 ? 1.0 : 2.0);
            lines += Math.Max(1, (int)Math.Ceiling(units / width));
        }
        return Math.Min(409, Math.Max(1, lines) * 14.5 + 4);
    }

    // XML 1.0 cannot carry most control characters or lone surrogates; they are dropped, tab/CR/LF kept.
    private static string XmlSafe(string value)
    {
        var clean = true;
        for (var i = 0; i < value.Length && clean; i++)
        {
            clean = IsXmlChar(value, i);
        }
        if (clean)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (IsXmlChar(value, i))
            {
                builder.Append(value[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsXmlChar(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(value[i - 1]);
        }
        return c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');
    }
}
