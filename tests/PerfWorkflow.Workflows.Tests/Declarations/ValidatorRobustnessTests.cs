using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Tests.Builders;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class ValidatorRobustnessTests : ValidatorTestBase
{
    [Fact]
    public void Validate_ReportsA100000CharacterGoal_WithAShortMessage()
    {
        var huge = string.Concat(Enumerable.Repeat("持续提升服务企业质量，", 10_000));

        var findings = Validate(Valid().With(f => { f.AnnualGoal = huge; f.LongTermGoal = huge; f.PolicyBasis = huge; }));

        Assert.Contains(findings, f => f.Rule == RuleIds.TextTooLong && f.Field == "annualGoal");
        Assert.Contains(findings, f => f.Rule == RuleIds.DuplicateText && f.Field == "longTermGoal");
        Assert.All(findings, f => Assert.True(f.Message.Length < 300, f.Message));
    }

    [Fact]
    public void Validate_HandlesTwoHugeNearlyEqualFields()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('一' + (i * 7919 % 5000))));
        var changed = text[..10_000] + "变" + text[10_001..];

        var findings = Validate(Valid().With(f => { f.AnnualGoal = text + "。"; f.LongTermGoal = changed + "。"; }));

        Assert.Contains(findings, f => f.Rule == RuleIds.DuplicateText);
    }

    [Fact]
    public void Validate_Handles500IndicatorRows()
    {
        var builder = Valid();
        for (var i = 0; i < 500; i++)
        {
            builder.AddIndicator("数量指标", $"服务企业数量{i}", $"≥{i + 1}家");
        }

        var findings = Validate(builder);

        Assert.Empty(findings);
        Assert.Equal(510, builder.Build().Indicators.Count);
    }

    [Fact]
    public void Validate_NeverThrows_OnRandomText()
    {
        var random = new Random(42);
        const string alphabet = "0123456789.%％≥≧≤<>＜万元用途合计共计、：:，。（）()《》“”张三李四人名家\n \t\0\uD800\uFFFF";
        string Noise(int length) => new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        for (var i = 0; i < 300; i++)
        {
            var form = new DeclarationFormBuilder().With(f =>
            {
                f.Code = Noise(21);
                f.Name = Noise(random.Next(60));
                f.CalculationBasis = Noise(random.Next(400));
                f.PolicyBasis = Noise(random.Next(200));
                f.AnnualGoal = Noise(random.Next(200));
                f.ProjectType = new ProjectType(Noise(2), Noise(5));
                foreach (var row in f.Indicators)
                {
                    row.Name = Noise(random.Next(10));
                    row.Value = Noise(random.Next(8));
                    row.Level2 = random.Next(4) == 0 ? Noise(4) : row.Level2;
                }
            }).Build();

            var findings = Validator.Validate(form);

            Assert.All(findings, f => Assert.Equal(RuleIds.SeverityOf(f.Rule), f.Severity));
        }
    }

    [Fact]
    public void EveryFindingNamesItsFieldByTheChineseLabel()
    {
        var findings = Validate(Valid().With(f =>
        {
            f.Name = "";
            f.Code = "123";
            f.CalculationBasis = "用途1：维护费50万元。";
            f.AllocationMethod = "平均分配法";
        }).WithIndicator("质量指标", "资金发放率", "≤100"));

        Assert.All(findings, f => Assert.Contains(FieldLabels.Of(f.Field), f.Message, StringComparison.Ordinal));
    }
}
