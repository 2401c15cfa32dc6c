using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

/// <summary>The reviewer's rules added in issue 9: 建议量化, a unit cost beside 成本控制率, 总金额 against 实施期限 × 每年.</summary>
public class AdviceRulesTests : ValidatorTestBase
{
    [Theory]
    [InlineData("全覆盖")]
    [InlineData("按计划完成")]
    [InlineData("高于上年")]
    public void QuantifyAdvice_IsInfo_ForAWordedQuantityTarget(string value)
    {
        var finding = Single(RuleIds.IndicatorQuantifyAdvice, Valid().WithRow("数量指标", r => r.Value = value));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("建议量化", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Validate(Valid().WithRow("数量指标", r => r.Value = value)), f => f.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("数量指标", "≥12次")]
    [InlineData("数量指标", "较上年增长10%")]
    [InlineData("社会效益指标", "有效保障")]
    [InlineData("时效指标", "及时")]
    public void QuantifyAdvice_DoesNotFire_ForANumber_OrWhereWordsAreTheNorm(string level2, string value) =>
        None(RuleIds.IndicatorQuantifyAdvice, Valid().WithRow(level2, r => r.Value = value));

    [Fact]
    public void CostUnitAdvice_Fires_WhenTheOnlyCostIndicatorIsARate()
    {
        var form = Valid().WithRow("成本指标", r => { r.Name = "成本控制率"; r.Value = "≤100%"; });

        var finding = Single(RuleIds.CostUnitAdvice, form);

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal($"indicators[{Row(form, "成本指标")}].name", finding.Field);
        Assert.Contains("单位成本", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CostUnitAdvice_DoesNotFire_WhenAUnitCostStandsBesideTheRate()
    {
        None(RuleIds.CostUnitAdvice, Valid());
        None(RuleIds.CostUnitAdvice, Valid().AddIndicator("成本指标", "成本控制率", "≤100%"));
    }

    [Theory]
    [InlineData("每年安排办公设备维护费20万元。", 4)]
    [InlineData("办公设备维护费20万元/年。", 2)]
    [InlineData("年均200,000元，用于办公设备维护。", 5)]
    public void TotalTermMismatch_Warns_WhenTheYearlyAmountTimesTheTermIsNotTheTotal(string basis, int years)
    {
        var finding = Single(RuleIds.TotalTermMismatch, Valid().With(f => { f.CalculationBasis = basis; f.PeriodYears = years; f.TotalAmountYuan = 700_000m; }));

        Assert.Equal((Severity.Warning, "totalAmountYuan"), (finding.Severity, finding.Field));
        Assert.Contains($"{years * 20}万元", finding.Message, StringComparison.Ordinal);
        Assert.Contains("70万元", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Total = 3 × 20万.
    [InlineData("每年安排办公设备维护费20万元。", 3, 600_000)]
    // A sub-item's yearly cost is not this year's amount: no reading of the whole.
    [InlineData("用途1：办公设备维护费每年5万元，共15万元；用途2：耗材费5万元。", 3, 700_000)]
    // A rate per person and year is no yearly total (sample 高层次紧缺专业人才: 每年每人约40万元).
    [InlineData("按每年每人约20万元测算，共1人。", 4, 700_000)]
    // Without a yearly statement the years may differ.
    [InlineData("用途1：办公设备维护费12万元；用途2：办公耗材购置费8万元。", 3, 700_000)]
    public void TotalTermMismatch_DoesNotFire_WhenConsistent_OrNotAYearlyTotal(string basis, int years, int total) =>
        None(RuleIds.TotalTermMismatch, Valid().With(f => { f.CalculationBasis = basis; f.PeriodYears = years; f.TotalAmountYuan = total; }));

    [Fact]
    public void TotalTermMismatch_DoesNotFire_ForAOneYearProject() =>
        None(RuleIds.TotalTermMismatch, Valid().With(f => { f.CalculationBasis = "每年20万元。"; f.PeriodYears = 1; f.TotalAmountYuan = 200_000m; }));
}
