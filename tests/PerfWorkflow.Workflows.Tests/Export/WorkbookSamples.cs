using System.IO.Compression;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Import;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Tests.Import;

namespace PerfWorkflow.Workflows.Tests.Export;

/// <summary>The sample forms as workbooks, and the field-by-field comparison; shared with the LibreOffice tests.</summary>
internal static class WorkbookSamples
{
    public static ImportResult FromText { get; } = TextFormReader.ReadFile(SampleForms.FilePath);

    public static void WritePackage(Stream output)
    {
        var forms = FromText.Forms.Select(f => f.Form).ToList();
        var items = forms.Select((f, i) => new WorkbookDeclaration(f, i % 2 == 0 ? "工业运行科" : "消费促进科", "已纳入汇总",
            i == 1 ? [new Finding(RuleIds.AmountBasisMismatch, Severity.Error, FieldLabels.Paths.CalculationBasis, "测算依据合计与本年度项目金额不符。")] : [])).ToList();
        DeclarationWorkbook.WritePackage(output, 2024, items, Totals(forms));
    }

    public static PackageTotals Totals(IReadOnlyList<DeclarationForm> forms) => new(
        forms.Sum(f => f.CurrentYearAmountYuan ?? 0),
        forms.Count,
        forms.GroupBy(f => f.ProjectType?.Code ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PackageTotalLine(g.Key, $"{g.Key} {g.First().ProjectType?.Name}", g.Count(), g.Sum(f => f.CurrentYearAmountYuan ?? 0))).ToList(),
        [new PackageTotalLine("gy", "工业运行科", forms.Count, forms.Sum(f => f.CurrentYearAmountYuan ?? 0))]);

    public static void AssertSameForm(DeclarationForm expected, DeclarationForm actual)
    {
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ApplicantUnit, actual.ApplicantUnit);
        Assert.Equal(expected.BudgetUnit, actual.BudgetUnit);
        Assert.Equal(expected.PeriodYears, actual.PeriodYears);
        Assert.Equal(expected.ProjectType, actual.ProjectType);
        Assert.Equal(expected.IsNew, actual.IsNew);
        Assert.Equal(expected.AllocationMethod, actual.AllocationMethod);
        Assert.Equal(expected.TotalAmountYuan, actual.TotalAmountYuan);
        Assert.Equal(expected.CurrentYearAmountYuan, actual.CurrentYearAmountYuan);
        Assert.Equal(expected.PolicyBasis, actual.PolicyBasis);
        Assert.Equal(expected.CalculationBasis, actual.CalculationBasis);
        Assert.Equal(expected.AnnualGoal, actual.AnnualGoal);
        Assert.Equal(expected.LongTermGoal, actual.LongTermGoal);
        Assert.Equal(expected.UnplacedText, actual.UnplacedText);
        Assert.Equal(
            expected.Indicators.Select(r => (r.Level1, r.Level2, r.Name, r.Value, r.Explanation, r.NotApplicable)),
            actual.Indicators.Select(r => (r.Level1, r.Level2, r.Name, r.Value, r.Explanation, r.NotApplicable)));
    }

    public static string SheetXml(MemoryStream workbook, string entry)
    {
        workbook.Position = 0;
        using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

}
