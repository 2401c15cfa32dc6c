using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;

namespace PerfWorkflow.Workflows.Tests.Declarations.Synthetic;

public class DeclarationGeneratorTests
{
    private static readonly DeclarationRulesOptions Options = new();
    private static readonly DeclarationGenerator Generator = new(Options);
    private static readonly DeclarationValidator Validator = new(Options);
    private static readonly System.Buffers.SearchValues<char> NoiseCharacters = System.Buffers.SearchValues.Create("≧≦％０１２３４５６７８９");

    [Fact]
    public void Generate_1000Forms_EveryLabelledDefectIsFound_AndNoCleanFormHasAnError()
    {
        var forms = Generator.Generate(seed: 2024, count: 1000, defectRate: 0.5).ToList();

        var missed = new List<string>();
        var cleanWithErrors = new List<string>();
        var unlabelled = new List<string>();
        foreach (var (form, defects) in forms)
        {
            var rules = Validator.Validate(form).ToList();
            unlabelled.AddRange(rules.Where(f => !f.Message.Contains(FieldLabels.Of(f.Field), StringComparison.Ordinal)).Select(f => f.Message));
            missed.AddRange(defects.Where(d => !rules.Exists(f => f.Rule == d)).Select(d => $"{form.Code} {d}"));
            if (defects.Count == 0)
            {
                cleanWithErrors.AddRange(rules.Where(f => f.Severity == Severity.Error).Select(f => $"{form.Code} {f.Rule} {f.Message}"));
            }
        }

        Assert.Empty(missed);
        Assert.Empty(cleanWithErrors);
        Assert.Empty(unlabelled);
        Assert.InRange(forms.Count(g => g.InjectedDefects.Count > 0), 400, 600);
    }

    [Fact]
    public void Generate_CleanForms_HaveNoFindingAtAll()
    {
        var findings = Generator.Generate(seed: 7, count: 500, defectRate: 0)
            .SelectMany(g => Validator.Validate(g.Form).Select(f => $"{g.Form.Code} {f.Rule} {f.Message}"))
            .ToList();

        Assert.Empty(findings);
    }

    [Fact]
    public void Generate_InjectsEveryInjectableRule_WithinAThousandForms()
    {
        var injected = Generator.Generate(seed: 11, count: 1000, defectRate: 1).SelectMany(g => g.InjectedDefects).ToHashSet();

        Assert.Equal(DeclarationGenerator.InjectableRules.Order(), injected.Order());
    }

    [Fact]
    public void Generate_IsDeterministicForASeed()
    {
        var first = Generator.Generate(3, 20, 0.3).Select(g => System.Text.Json.JsonSerializer.Serialize(g, DeclarationJson.Options));
        var second = Generator.Generate(3, 20, 0.3).Select(g => System.Text.Json.JsonSerializer.Serialize(g, DeclarationJson.Options));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_BuildsConsistentForms()
    {
        foreach (var (form, _) in Generator.Generate(5, 300, 0))
        {
            var basis = CalculationBasisAmounts.Read(form.CalculationBasis);
            Assert.Equal(form.CurrentYearAmountYuan, basis.StatedTotal ?? basis.ItemisedTotal);
            Assert.InRange(form.PeriodYears!.Value, 2, 5);
            Assert.Equal(form.IsNew, form.Code.Substring(6, 2) == "24");
            Assert.True(form.TotalAmountYuan >= form.CurrentYearAmountYuan);
            Assert.Equal(IndicatorSkeleton.Categories.Select(c => c.Level2), form.Indicators.Select(r => r.Level2).Distinct());
        }
    }

    [Fact]
    public void Generate_GivesEveryFormOfARunItsOwnCode()
    {
        var codes = Generator.Generate(13, 20_000, 0).Select(g => g.Form.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Generate_AddsSurfaceNoise_ThatParsesToTheSameValue()
    {
        var noisy = Generator.Generate(9, 1000, 0).SelectMany(g => g.Form.Indicators)
            .Where(r => r.Value.AsSpan().IndexOfAny(NoiseCharacters) >= 0)
            .ToList();

        Assert.InRange(noisy.Count, 100, 1500);
        Assert.All(noisy, r => Assert.Equal(IndicatorValueKind.Quantitative, r.Parsed.Kind));
        Assert.All(noisy, r => Assert.Equal(r.Parsed, IndicatorValueParser.Parse(DeclarationText.Normalize(r.Value).Replace('≧', '≥').Replace('≦', '≤'))));
    }

    [Theory]
    [InlineData(-1, 0.1)]
    [InlineData(100_001, 0.1)]
    [InlineData(10, 1.5)]
    [InlineData(10, double.NaN)]
    public void Generate_RejectsArgumentsOutOfRange(int count, double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(1, count, rate));

    [Fact]
    public void TextFormWriter_WritesTheSampleLayout()
    {
        var form = Generator.Generate(1, 1, 0).Single().Form;

        var text = TextFormWriter.WriteAll([form]);

        Assert.StartsWith("二级项目支出绩效目标申报表\n项目编码： " + form.Code + " 项目名称： " + form.Name, text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"本年度项目金额（万元）： {form.CurrentYearAmountYuan:#,0.00}", text, StringComparison.Ordinal);
        Assert.Contains("产出指标 *数量指标 ", text, StringComparison.Ordinal);
        Assert.Contains("效益指标 生态效益指标 不适用 不适用 不适用", text, StringComparison.Ordinal);
        Assert.EndsWith(TextFormWriter.Footer, text.TrimEnd(), StringComparison.Ordinal);
    }
}
