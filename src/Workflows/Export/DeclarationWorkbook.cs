using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Packages;

namespace PerfWorkflow.Workflows.Export;

/// <summary>One declaration of a package workbook with what its 汇总表 row shows.</summary>
public sealed record WorkbookDeclaration(DeclarationForm Form, string SectionName, string StageLabel, IReadOnlyList<Finding> Findings);

/// <summary>
/// The form's workbook (docs/adr/004-xlsx-library.md): a declaration laid out like the printed 申报表 — the header table,
/// then the 绩效指标 table with 一级指标 merged over its rows — and the bureau's package as one sheet per declaration plus
/// a 汇总表 with the roll-ups by 项目类型 and by 科室. Amounts are numbers in 万元 shown with two decimals; every text is
/// a string cell, never a formula. <see cref="Import.XlsxFormReader"/> reads it back.
/// </summary>
public static class DeclarationWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SummarySheet = "汇总表";

    // 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标解释; the header table uses A:B for labels and C:E for values.
    private static readonly double[] FormColumns = [12, 18, 26, 14, 46];
    private const int LastColumn = 5;
    private const double ValueWidth = 26 + 14 + 46;

    /// <summary>Writes one declaration as a workbook with a single sheet.</summary>
    public static void WriteDeclaration(Stream output, DeclarationForm form)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = new Book(document);
        book.AddSheet(SheetName(form, 1, []), part => WriteForm(part, form));
        book.Finish();
    }

    /// <summary>Writes the package: the 汇总表 with its roll-ups first, then one sheet per declaration in form layout.</summary>
    public static void WritePackage(Stream output, int cycleYear, IReadOnlyList<WorkbookDeclaration> declarations, PackageTotals totals)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = new Book(document);
        book.AddSheet(SummarySheet, part => WriteSummary(part, cycleYear, declarations, totals));
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SummarySheet };
        for (var i = 0; i < declarations.Count; i++)
        {
            var form = declarations[i].Form;
            book.AddSheet(SheetName(form, i + 1, used), part => WriteForm(part, form));
        }
        book.Finish();
    }

    /// <summary>A plain list as one sheet (the dashboard's twin of its CSV): a header row, then one row per item;
    /// a <see cref="decimal"/> or <see cref="int"/> cell is a number, anything else text.</summary>
    public static void WriteTable(Stream output, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = new Book(document);
        book.AddSheet(sheetName, part =>
        {
            using var sheet = new SheetWriter(part, header.Select(h => Math.Max(12.0, h.Length * 2.5)).ToList());
            sheet.Row();
            for (var c = 0; c < header.Count; c++)
            {
                sheet.Text(c + 1, header[c], WorkbookStyles.Label);
            }
            foreach (var row in rows)
            {
                sheet.Row();
                for (var c = 0; c < row.Count; c++)
                {
                    switch (row[c])
                    {
                        case decimal number: sheet.Number(c + 1, number); break;
                        case int count: sheet.Number(c + 1, count, WorkbookStyles.Integer); break;
                        case var value: sheet.Text(c + 1, value?.ToString()); break;
                    }
                }
            }
        });
        book.Finish();
    }

    private static void WriteForm(WorksheetPart part, DeclarationForm form)
    {
        using var sheet = new SheetWriter(part, FormColumns);
        sheet.Row(28);
        sheet.Text(1, WorkbookLabels.Title, WorkbookStyles.Title);
        sheet.Blank(2, LastColumn, WorkbookStyles.Title);
        sheet.Merge(1, 1, LastColumn, 1);
        sheet.Row();
        sheet.Text(1, WorkbookLabels.Note, WorkbookStyles.Note);
        sheet.Blank(2, LastColumn, WorkbookStyles.Note);
        sheet.Merge(1, 2, LastColumn, 2);

        TextField(sheet, FieldLabels.Code, form.Code);
        TextField(sheet, FieldLabels.Name, form.Name);
        TextField(sheet, FieldLabels.ApplicantUnit, form.ApplicantUnit, WorkbookStyles.SystemFilled);
        TextField(sheet, FieldLabels.BudgetUnit, form.BudgetUnit, WorkbookStyles.SystemFilled);
        LabelRow(sheet, WorkbookLabels.PeriodYears);
        sheet.Number(3, form.PeriodYears, WorkbookStyles.Integer);
        ValueBlank(sheet, WorkbookStyles.Integer);
        TextField(sheet, FieldLabels.ProjectType, form.ProjectType is { } type ? $"{type.Code} {type.Name}".Trim() : "");
        TextField(sheet, FieldLabels.IsNew, form.IsNew switch { true => "是", false => "否", null => "" });
        TextField(sheet, FieldLabels.AllocationMethod, form.AllocationMethod);
        AmountField(sheet, WorkbookLabels.TotalAmount, form.TotalAmountYuan);
        AmountField(sheet, WorkbookLabels.CurrentYearAmount, form.CurrentYearAmountYuan);
        TextField(sheet, FieldLabels.PolicyBasis, form.PolicyBasis);
        TextField(sheet, FieldLabels.CalculationBasis, form.CalculationBasis);
        TextField(sheet, FieldLabels.AnnualGoal, form.AnnualGoal);
        TextField(sheet, FieldLabels.LongTermGoal, form.LongTermGoal);

        sheet.Row();
        sheet.Text(1, FieldLabels.Indicators, WorkbookStyles.Label);
        sheet.Blank(2, LastColumn, WorkbookStyles.Label);
        sheet.Merge(1, sheet.RowNumber, LastColumn, sheet.RowNumber);
        sheet.Row();
        sheet.Text(1, WorkbookLabels.Level1, WorkbookStyles.Label);
        sheet.Text(2, WorkbookLabels.Level2, WorkbookStyles.Label);
        sheet.Text(3, FieldLabels.IndicatorName, WorkbookStyles.Label);
        sheet.Text(4, FieldLabels.IndicatorValue, WorkbookStyles.Label);
        sheet.Text(5, FieldLabels.IndicatorExplanation, WorkbookStyles.Label);
        WriteIndicators(sheet, form.Indicators);

        foreach (var text in form.UnplacedText)
        {
            TextField(sheet, WorkbookLabels.Unplaced, text);
        }
    }

    // 一级指标 merged over its rows, 二级指标 over its repeated rows; only a merge's first cell holds the text.
    private static void WriteIndicators(SheetWriter sheet, IReadOnlyList<IndicatorRow> rows)
    {
        uint level1Start = 0, level2Start = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var newLevel1 = i == 0 || rows[i - 1].Level1 != row.Level1;
            var newLevel2 = newLevel1 || rows[i - 1].Level2 != row.Level2;
            sheet.Row(Math.Max(SheetWriter.HeightFor(row.Explanation, 46), SheetWriter.HeightFor(row.Name, 26)));
            if (newLevel1)
            {
                level1Start = sheet.RowNumber;
            }
            if (newLevel2)
            {
                level2Start = sheet.RowNumber;
            }
            sheet.Text(1, newLevel1 ? row.Level1 : null);
            var category = IndicatorSkeleton.Find(row.Level2);
            sheet.Text(2, newLevel2 ? (category is { Mandatory: true } ? "*" + category.Level2 : row.Level2) : null);
            sheet.Text(3, row.Name);
            sheet.Text(4, row.Value);
            sheet.Text(5, row.Explanation);
            var lastOfLevel2 = i + 1 == rows.Count || rows[i + 1].Level1 != row.Level1 || rows[i + 1].Level2 != row.Level2;
            if (lastOfLevel2)
            {
                sheet.Merge(2, level2Start, 2, sheet.RowNumber);
            }
            if (i + 1 == rows.Count || rows[i + 1].Level1 != row.Level1)
            {
                sheet.Merge(1, level1Start, 1, sheet.RowNumber);
            }
        }
    }

    private static void LabelRow(SheetWriter sheet, string label, double? height = null)
    {
        sheet.Row(height);
        sheet.Text(1, label, WorkbookStyles.Label);
        sheet.Blank(2, 2, WorkbookStyles.Label);
        sheet.Merge(1, sheet.RowNumber, 2, sheet.RowNumber);
    }

    private static void ValueBlank(SheetWriter sheet, uint style)
    {
        sheet.Blank(4, LastColumn, style);
        sheet.Merge(3, sheet.RowNumber, LastColumn, sheet.RowNumber);
    }

    private static void TextField(SheetWriter sheet, string label, string value, uint style = WorkbookStyles.Text)
    {
        LabelRow(sheet, label, value.Length > 30 ? SheetWriter.HeightFor(value, ValueWidth) : null);
        sheet.Text(3, value, style);
        ValueBlank(sheet, style);
    }

    private static void AmountField(SheetWriter sheet, string label, decimal? yuan)
    {
        LabelRow(sheet, label);
        sheet.Number(3, WanYuan(yuan), WorkbookStyles.Amount);
        ValueBlank(sheet, WorkbookStyles.Amount);
    }

    private static readonly double[] SummaryColumns = [16, 24, 34, 22, 18, 14, 60];

    private static void WriteSummary(WorksheetPart part, int cycleYear, IReadOnlyList<WorkbookDeclaration> declarations, PackageTotals totals)
    {
        using var sheet = new SheetWriter(part, SummaryColumns);
        sheet.Row(28);
        sheet.Text(1, $"{cycleYear}年度二级项目支出绩效目标申报汇总表", WorkbookStyles.Title);
        sheet.Blank(2, 7, WorkbookStyles.Title);
        sheet.Merge(1, 1, 7, 1);
        sheet.Row();
        sheet.Text(1, "金额单位：万元。合计由系统自动汇总二级项目（灰色底纹），不纳入汇总的申报表不计入。", WorkbookStyles.Note);
        sheet.Merge(1, 2, 7, 2);

        sheet.Row();
        string[] header = ["科室", FieldLabels.Code, FieldLabels.Name, FieldLabels.ProjectType, WorkbookLabels.CurrentYearAmount, "阶段", "校验问题"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Text(c + 1, header[c], WorkbookStyles.Label);
        }
        foreach (var item in declarations)
        {
            var problems = item.Findings.Where(f => f.Severity != Severity.Info).OrderByDescending(f => f.Severity)
                .Select(f => $"[{(f.Severity == Severity.Error ? "错误" : "警告")}] {FieldLabels.Of(f.Field)}：{f.Message}").ToList();
            var text = problems.Count == 0 ? "无" : string.Join('\n', problems);
            sheet.Row(problems.Count > 0 ? SheetWriter.HeightFor(text, 60) : null);
            sheet.Text(1, item.SectionName);
            sheet.Text(2, item.Form.Code);
            sheet.Text(3, item.Form.Name);
            sheet.Text(4, item.Form.ProjectType is { } type ? $"{type.Code} {type.Name}".Trim() : "");
            sheet.Number(5, WanYuan(item.Form.CurrentYearAmountYuan));
            sheet.Text(6, item.StageLabel);
            sheet.Text(7, text);
        }

        RollUp(sheet, "按项目类型汇总", FieldLabels.ProjectType, totals.ByProjectType);
        RollUp(sheet, "按科室汇总", "科室", totals.BySection);
        sheet.Row();
        sheet.Row();
        sheet.Text(1, "全局合计", WorkbookStyles.Label);
        sheet.Text(2, "张数", WorkbookStyles.Label);
        sheet.Number(3, totals.DeclarationCount, WorkbookStyles.Integer);
        sheet.Text(4, WorkbookLabels.CurrentYearAmount, WorkbookStyles.Label);
        sheet.Number(5, WanYuan(totals.BureauTotalYuan), WorkbookStyles.SystemFilledAmount);
    }

    private static void RollUp(SheetWriter sheet, string title, string keyLabel, IReadOnlyList<PackageTotalLine> lines)
    {
        sheet.Row();
        sheet.Row();
        sheet.Text(1, title, WorkbookStyles.Label);
        sheet.Blank(2, 3, WorkbookStyles.Label);
        sheet.Merge(1, sheet.RowNumber, 3, sheet.RowNumber);
        sheet.Row();
        sheet.Text(1, keyLabel, WorkbookStyles.Label);
        sheet.Text(2, "张数", WorkbookStyles.Label);
        sheet.Text(3, WorkbookLabels.CurrentYearAmount, WorkbookStyles.Label);
        foreach (var line in lines)
        {
            sheet.Row();
            sheet.Text(1, line.Label);
            sheet.Number(2, line.Count, WorkbookStyles.Integer);
            sheet.Number(3, WanYuan(line.AmountYuan), WorkbookStyles.SystemFilledAmount);
        }
    }

    private static decimal? WanYuan(decimal? yuan) => yuan / 10_000m;

    // Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique in the workbook.
    private static string SheetName(DeclarationForm form, int ordinal, HashSet<string> used)
    {
        var clean = new string(form.Code.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']' or '\'')).ToArray()).Trim();
        var name = clean.Length > 0 ? clean[..Math.Min(clean.Length, 28)] : $"申报表{ordinal}";
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }
        return candidate;
    }

    /// <summary>The workbook part, its stylesheet and the list of sheets, added one after another.</summary>
    private sealed class Book
    {
        private readonly WorkbookPart _workbook;
        private readonly Sheets _sheets = new();

        public Book(SpreadsheetDocument document)
        {
            _workbook = document.AddWorkbookPart();
            _workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Create();
        }

        public void AddSheet(string name, Action<WorksheetPart> write)
        {
            var part = _workbook.AddNewPart<WorksheetPart>();
            write(part);
            _sheets.Append(new Sheet { Name = name, SheetId = (uint)_sheets.ChildElements.Count + 1, Id = _workbook.GetIdOfPart(part) });
        }

        public void Finish() => _workbook.Workbook = new Workbook(_sheets);
    }
}
