using System.Globalization;
using System.Text.RegularExpressions;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Tests.Import;

public sealed partial class SampleFormImportTests
{
    private static readonly ImportResult Imported = TextFormReader.ReadFile(SampleForms.FilePath);

    public static TheoryData<int> FormIndexes { get; } = [.. Enumerable.Range(0, 11)];

    [Fact]
    public void Import_ReadsAllElevenSampleForms_AtTheirTitleLines_WithoutErrors()
    {
        Assert.Empty(Imported.Errors);
        Assert.Equal(SampleForms.TitleLines, Imported.Forms.Select(f => f.Line));
    }

    [Theory]
    [MemberData(nameof(FormIndexes))]
    public void Import_ReadsEveryField_OfTheSampleForm(int index)
    {
        var expected = SampleForms.Expected[index];
        var actual = Imported.Forms[index].Form;
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
        Assert.Empty(actual.UnplacedText);
    }

    [Theory]
    [MemberData(nameof(FormIndexes))]
    public void Import_ReadsEveryIndicatorRow_OfTheSampleForm_IncludingNotApplicableRows(int index)
    {
        var expected = SampleForms.Expected[index].Indicators.Select(Cells).ToList();
        var actual = Imported.Forms[index].Form.Indicators.Select(Cells).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(FormIndexes))]
    public void Import_KeepsEveryCharacterOfFormContent_OfTheSampleForm(int index)
    {
        var start = SampleForms.TitleLines[index];
        var end = index + 1 < SampleForms.TitleLines.Count ? SampleForms.TitleLines[index + 1] - 1 : int.MaxValue;
        var source = File.ReadLines(SampleForms.FilePath).Skip(start).Take(end - start).ToList();

        Assert.Equal(Characters(FormContent(source)), Characters(Stored(Imported.Forms[index].Form)));
    }

    [Fact]
    public void Import_DropsCommentRemnants_AndStoresNoAuthorName()
    {
        foreach (var form in Imported.Forms.Select(f => f.Form))
        {
            var stored = Stored(form);
            Assert.DoesNotContain("批注人", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("Windows", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("无需填写", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("限40字以内", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("置灰信息", stored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Import_SaysOncePerForm_ThatTheTenThousandLabelLies_WhenTheBasisReconcilesToYuan()
    {
        var suspect = Imported.Forms
            .Select(f => f.Findings.Count(x => x.Rule == RuleIds.AmountUnitSuspect && x.Severity == Severity.Info))
            .ToList();

        // 商贸及制造业分项, 工商业管理 and 综合管理事务 name no money in 测算依据: nothing to reconcile with.
        Assert.Equal([1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0], suspect);
    }

    [Fact]
    public void Import_StoresTheAmountsAsYuan_LikeTheBasisSays()
    {
        var 小型工程 = Imported.Forms[0].Form;
        Assert.Equal(150_000m, 小型工程.CurrentYearAmountYuan);
        Assert.Contains("15万元", 小型工程.CalculationBasis, StringComparison.Ordinal);
    }

    private static (string, string, string, string, string, bool) Cells(IndicatorRow row) =>
        (row.Level1, row.Level2, row.Name, row.Value, row.Explanation, row.NotApplicable);

    // Everything of the form as stored, amounts written the way the source writes them (without thousands separators).
    private static string Stored(DeclarationForm form)
    {
        var parts = new List<string?>
        {
            form.Code, form.Name, form.ApplicantUnit, form.BudgetUnit, form.PeriodYears?.ToString(CultureInfo.InvariantCulture),
            form.ProjectType?.Code, form.ProjectType?.Name, form.IsNew is { } isNew ? (isNew ? "是" : "否") : null, form.AllocationMethod,
            form.TotalAmountYuan?.ToString("0.00", CultureInfo.InvariantCulture),
            form.CurrentYearAmountYuan?.ToString("0.00", CultureInfo.InvariantCulture),
            form.PolicyBasis, form.CalculationBasis, form.AnnualGoal, form.LongTermGoal,
        };
        parts.AddRange(form.Indicators.SelectMany(r => new[] { r.Level1, r.Level2, r.Name, r.Value, r.Explanation }));
        parts.AddRange(form.UnplacedText);
        return string.Concat(parts);
    }

    // The source block without what is not form content: labels, the table header, the stars of mandatory categories,
    // thousands separators, the template's 备注 and the PDF comments printed after it.
    private static string FormContent(List<string> block)
    {
        var remark = block.FindIndex(l => l.StartsWith("备注：", StringComparison.Ordinal));
        var content = string.Join('\n', remark < 0 ? block : block.Take(remark));
        content = Labels().Replace(content, "");
        content = content.Replace("一级指标 二级指标 三级指标 指标值 指标解释", "", StringComparison.Ordinal);
        content = Stars().Replace(content, "$1");
        content = ThousandsSeparator().Replace(content, "");
        return content;
    }

    private static string Characters(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c)).Order());

    [GeneratedRegex(@"(?:项目编码|项目名称|申请单位|一级预算单位|实施期限|项目类型|是否新增项目|分配方式|项目总金额（中期规划，万元）|本年度项目金额（万元）|政策依据|测算依据|年度目标|长期目标（跨度多年的项目需填）)：|测算依据\n|\n：\n")]
    private static partial Regex Labels();

    [GeneratedRegex(@"(指标) \*")]
    private static partial Regex Stars();

    [GeneratedRegex(@"(?<=\d),(?=\d{3})")]
    private static partial Regex ThousandsSeparator();
}
