using System.Text.Json;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Tests.Export;

public sealed class DeclarationWorkbookTests
{
    private static ImportResult FromText => WorkbookSamples.FromText;

    public static TheoryData<int> FormIndexes { get; } = [.. Enumerable.Range(0, 11)];

    [Theory]
    [MemberData(nameof(FormIndexes))]
    public void SampleForm_ImportedFromText_ExportedAsXlsx_ImportsAgainAsTheSameDeclaration(int index)
    {
        var original = FromText.Forms[index].Form;
        using var workbook = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(workbook, original);
        workbook.Position = 0;

        var again = FormFileReader.Read(workbook);

        Assert.Empty(again.Errors);
        WorkbookSamples.AssertSameForm(original, Assert.Single(again.Forms).Form);
    }

    [Fact]
    public void Package_HoldsASummarySheet_AndEverySampleForm_EachImportingAsItWas()
    {
        using var workbook = new MemoryStream();
        WorkbookSamples.WritePackage(workbook);
        workbook.Position = 0;

        var again = FormFileReader.Read(workbook);

        Assert.Empty(again.Errors);
        Assert.Equal(11, again.Forms.Count);
        for (var i = 0; i < 11; i++)
        {
            WorkbookSamples.AssertSameForm(FromText.Forms[i].Form, again.Forms[i].Form);
        }
    }

    [Fact]
    public void Export_WritesAmountsAsNumbersInTenThousandYuan_AndMergesTheLevelOneCategoryOverItsRows()
    {
        var form = FromText.Forms[0].Form;
        using var workbook = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(workbook, form);
        var sheet = WorkbookSamples.SheetXml(workbook, "xl/worksheets/sheet1.xml");

        // 本年度项目金额 150 000 元 is the number 15 (万元), shown #,##0.00 by its style; never a string.
        Assert.Contains("<x:v>15</x:v>", sheet, StringComparison.Ordinal);
        var outputRows = form.Indicators.Count(r => r.Level1 == IndicatorSkeleton.Output);
        var header = RowOf(sheet, "一级指标");
        Assert.Contains($"<x:mergeCell ref=\"A{header + 1}:A{header + outputRows}\" />", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", sheet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+SUM(A1:A2)")]
    [InlineData("-3+4")]
    [InlineData("@cmd")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void UserText_StartingLikeAFormula_IsWrittenAsText_AndReadBackUnchanged(string text)
    {
        var form = FromText.Forms[0].Form;
        form = Clone(form);
        form.Name = text;
        form.Indicators[0].Explanation = text;
        using var workbook = new MemoryStream();
        DeclarationWorkbook.WritePackage(workbook, 2024, [new WorkbookDeclaration(form, "工业运行科", "科室起草", [])], WorkbookSamples.Totals([form]));

        Assert.DoesNotContain("<x:f>", WorkbookSamples.SheetXml(workbook, "xl/worksheets/sheet1.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", WorkbookSamples.SheetXml(workbook, "xl/worksheets/sheet2.xml"), StringComparison.Ordinal);
        workbook.Position = 0;
        var again = Assert.Single(FormFileReader.Read(workbook).Forms).Form;
        Assert.Equal(text.Replace("\r", "\n", StringComparison.Ordinal), again.Name.Replace("\r", "\n", StringComparison.Ordinal));
    }

    private static int RowOf(string sheetXml, string text)
    {
        var at = sheetXml.IndexOf($">{text}<", StringComparison.Ordinal);
        var rowStart = sheetXml.LastIndexOf("<x:row r=\"", at, StringComparison.Ordinal) + 10;
        return int.Parse(sheetXml[rowStart..sheetXml.IndexOf('"', rowStart)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DeclarationForm Clone(DeclarationForm form) =>
        JsonSerializer.Deserialize<DeclarationForm>(JsonSerializer.Serialize(form, DeclarationJson.Options), DeclarationJson.Options)!;
}
