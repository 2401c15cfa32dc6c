using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Export;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Reads forms from our workbook (<see cref="DeclarationWorkbook"/>), also after a spreadsheet program saved it again:
/// every sheet whose first rows hold the title <c>二级项目支出绩效目标申报表</c> is one form. Cells are streamed (SAX);
/// a workbook with formulas, macros, external links or hidden sheets is refused as a whole with one zh-CN message, so
/// nothing half-understood is imported. A sheet whose layout was changed becomes an error; the other sheets go on.
/// </summary>
public static class XlsxFormReader
{
    public static ImportResult Read(Stream input, XlsxLimits? limits = null)
    {
        limits ??= XlsxLimits.Default;
        var zip = input.CanSeek ? input : Buffer(input, limits);
        if (zip is null)
        {
            return ImportResult.Failed($"文件过大，超过 {limits.MaxFileBytes / (1024 * 1024)} MB 上限。");
        }
        if (XlsxSafety.Check(zip, limits) is { } refusal)
        {
            return ImportResult.Failed(refusal);
        }
        try
        {
            using var document = SpreadsheetDocument.Open(zip, false, new OpenSettings { AutoSave = false });
            return ReadDocument(document, limits);
        }
        catch (Refused e)
        {
            return ImportResult.Failed(e.Message);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException)
        {
            return ImportResult.Failed("文件已损坏，或不是有效的 .xlsx 工作簿，无法读取。");
        }
    }

    private static MemoryStream? Buffer(Stream input, XlsxLimits limits)
    {
        var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (memory.Length + read > limits.MaxFileBytes)
            {
                return null;
            }
            memory.Write(buffer, 0, read);
        }
        memory.Position = 0;
        return memory;
    }

    private sealed class Refused(string message) : Exception(message);

    private static ImportResult ReadDocument(SpreadsheetDocument document, XlsxLimits limits)
    {
        if (document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate)
        {
            throw new Refused("工作簿含宏（.xlsm），为安全起见不导入：请另存为不含宏的 .xlsx 后再导入。");
        }
        var workbook = document.WorkbookPart ?? throw new Refused("压缩文件不是 Excel 工作簿（没有工作簿部件），无法导入。");
        if (workbook.ExternalWorkbookParts.Any())
        {
            throw new Refused("工作簿含外部链接（引用其他文件的数据），导入内容可能不完整：请在 Excel 中“断开链接”后另存再导入。");
        }
        var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        foreach (var sheet in sheets)
        {
            if (sheet.State is { } state && state.Value != SheetStateValues.Visible)
            {
                throw new Refused($"工作簿含隐藏工作表“{sheet.Name}”，隐藏的内容不会被导入而可能被忽略：请取消隐藏或删除该工作表后再导入。");
            }
        }
        var shared = SharedStrings(workbook);
        var forms = new List<ImportedForm>();
        var errors = new List<ImportError>();
        foreach (var sheet in sheets)
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }
            var name = sheet.Name?.Value ?? "";
            var grid = ReadCells(part, name, shared, limits);
            if (!IsForm(grid))
            {
                continue;
            }
            var (form, error) = SheetForm.Read(grid, name);
            if (form is not null)
            {
                forms.Add(new ImportedForm(form, 1, []));
            }
            else
            {
                errors.Add(new ImportError((int)error!.Value.Row, $"工作表“{name}”第{error.Value.Row}行：{error.Value.Message}"));
            }
        }
        if (forms.Count == 0 && errors.Count == 0)
        {
            return ImportResult.Failed($"工作簿中没有申报表：没有哪个工作表以标题“{WorkbookLabels.Title}”开头。请使用系统导出的申报表工作簿。");
        }
        return new ImportResult(forms, errors);
    }

    private static bool IsForm(Grid grid)
    {
        for (uint r = 1; r <= 3; r++)
        {
            for (var c = 1; c <= 3; c++)
            {
                if (grid.Get(r, c).Trim() == WorkbookLabels.Title)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return list;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                list.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }
        return list;
    }

    // Rich text runs (<r><t>) and plain <t>; phonetic runs (<rPh>) are not content.
    private static string TextOf(OpenXmlElement item) =>
        item.GetFirstChild<Text>() is { } text && !item.Elements<Run>().Any()
            ? text.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));

    private static Grid ReadCells(WorksheetPart part, string sheetName, List<string> shared, XlsxLimits limits)
    {
        var grid = new Grid();
        var rows = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }
            if (reader.ElementType == typeof(Row))
            {
                if (++rows > limits.MaxRowsPerSheet)
                {
                    throw new Refused($"工作表“{sheetName}”超过 {limits.MaxRowsPerSheet} 行上限，不是申报表工作簿，已拒绝（未导入任何内容）。");
                }
            }
            else if (reader.ElementType == typeof(MergeCell))
            {
                var merge = (MergeCell)reader.LoadCurrentElement()!;
                if (merge.Reference?.Value is { } range)
                {
                    grid.Merges.Add(range);
                }
            }
            else if (reader.ElementType == typeof(Cell))
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                if (cell.CellFormula is not null)
                {
                    throw new Refused($"工作表“{sheetName}”的单元格 {cell.CellReference} 含公式，系统只导入数值和文字：请把公式转换为数值（选择性粘贴为数值）后再导入。");
                }
                if (cell.CellReference?.Value is not { } reference || !TryParse(reference, out var column, out var row))
                {
                    continue;
                }
                var value = ValueOf(cell, shared);
                if (value.Length > 0)
                {
                    grid.Set(row, column, value);
                }
            }
        }
        return grid;
    }

    private static string ValueOf(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value is not { } type)
        {
            return raw;
        }
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "是" : "否";
        }
        return raw;
    }

    internal static bool TryParse(string reference, out int column, out uint row)
    {
        column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }
        return uint.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row) && column > 0 && row > 0;
    }

    /// <summary>The non-empty cells of a sheet by (row, column), and its merged ranges.</summary>
    internal sealed class Grid
    {
        private readonly Dictionary<(uint Row, int Column), string> _cells = [];

        public List<string> Merges { get; } = [];

        public uint LastRow { get; private set; }

        public void Set(uint row, int column, string value)
        {
            _cells[(row, column)] = value;
            LastRow = Math.Max(LastRow, row);
        }

        public string Get(uint row, int column) => _cells.GetValueOrDefault((row, column), "");

        public IEnumerable<int> ColumnsOf(uint row) => _cells.Keys.Where(k => k.Row == row).Select(k => k.Column);
    }
}
