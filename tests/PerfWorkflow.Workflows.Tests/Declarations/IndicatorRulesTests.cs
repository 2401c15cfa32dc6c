using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class IndicatorRulesTests : ValidatorTestBase
{
    [Theory]
    [InlineData("数量指标")]
    [InlineData("质量指标")]
    [InlineData("时效指标")]
    [InlineData("成本指标")]
    [InlineData("社会效益指标")]
    [InlineData("服务对象满意度指标")]
    public void IndicatorRequired_Fires_WhenAMandatoryCategoryIsOnlyNotApplicable(string level2)
    {
        var finding = Single(RuleIds.IndicatorRequired, Valid().WithCategoryNotApplicable(level2));

        Assert.Equal((Severity.Error, "indicators"), (finding.Severity, finding.Field));
        Assert.Contains(level2, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndicatorRequired_Fires_WhenAMandatoryCategoryHasNoRow() =>
        Assert.Contains("时效指标", Single(RuleIds.IndicatorRequired, Valid().With(f => f.Indicators.RemoveAll(r => r.Level2 == "时效指标"))).Message,
            StringComparison.Ordinal);

    [Fact]
    public void IndicatorRequired_DoesNotFire_ForAnOptionalCategoryThatIsNotApplicable() =>
        None(RuleIds.IndicatorRequired, Valid().WithCategoryNotApplicable("经济效益指标"));

    [Fact]
    public void IndicatorRequired_AcceptsTheStarredCategoryName() =>
        None(RuleIds.IndicatorRequired, Valid().WithRow("数量指标", r => r.Level2 = "*数量指标"));

    [Fact]
    public void IndicatorIncomplete_Fires_ForARowWithoutName()
    {
        var builder = Valid().WithRow("数量指标", r => r.Name = "");

        Assert.Equal($"indicators[{Row(builder, "数量指标")}].name", Single(RuleIds.IndicatorIncomplete, builder).Field);
    }

    [Fact]
    public void IndicatorIncomplete_Fires_ForARowWithoutValue()
    {
        var builder = Valid().WithRow("质量指标", r => r.Value = " ");

        Assert.Equal($"indicators[{Row(builder, "质量指标")}].value", Single(RuleIds.IndicatorIncomplete, builder).Field);
    }

    [Fact]
    public void IndicatorIncomplete_DoesNotFire_ForAFullyNotApplicableRow() =>
        None(RuleIds.IndicatorIncomplete, Valid());

    [Theory]
    [InlineData("00%")]
    [InlineData("≥%")]
    [InlineData("100%%")]
    [InlineData("≥ 次")]
    [InlineData("≥9O%")]
    public void IndicatorValueMalformed_Fires_ForValuesOutsideTheGrammar(string value)
    {
        var builder = Valid().WithIndicator("质量指标", "验收合格率", value);

        var finding = Single(RuleIds.IndicatorValueMalformed, builder);

        Assert.Equal($"indicators[{Row(builder, "质量指标")}].value", finding.Field);
        Assert.Contains(value, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("≧95％")]
    [InlineData("１００%")]
    public void IndicatorValueMalformed_DoesNotFire_ForSurfaceNoise(string value) =>
        None(RuleIds.IndicatorValueMalformed, Valid().WithIndicator("质量指标", "验收合格率", value));

    [Theory]
    [InlineData("≥0次")]
    [InlineData("不低于0家")]
    [InlineData("≥0%")]
    public void IndicatorValueVacuous_Fires_ForALowerBoundOfZero(string value) =>
        Assert.Equal(Severity.Error, Single(RuleIds.IndicatorValueVacuous, Valid().WithIndicator("数量指标", "服务企业数量", value)).Severity);

    [Theory]
    [InlineData("0起")]
    [InlineData(">0次")]
    [InlineData("≥1次")]
    public void IndicatorValueVacuous_DoesNotFire_ForZeroTargetsOrPositiveBounds(string value) =>
        None(RuleIds.IndicatorValueVacuous, Valid().WithIndicator("数量指标", "安全事故数量", value));

    [Theory]
    [InlineData("资金发放率", "≤100%")]
    [InlineData("工作完成率", "<100%")]
    [InlineData("政策覆盖率", "不超过95%")]
    public void IndicatorDirection_Fires_ForAnOutputRateBoundedFromAbove(string name, string value) =>
        Assert.Equal(Severity.Warning, Single(RuleIds.IndicatorDirection, Valid().WithIndicator("质量指标", name, value)).Severity);

    [Fact]
    public void IndicatorDirection_DoesNotFire_ForTheCostControlRate() =>
        None(RuleIds.IndicatorDirection, Valid().WithIndicator("成本指标", "成本控制率", "≤100%"));

    [Fact]
    public void IndicatorDirection_DoesNotFire_ForALowerBoundedRate() =>
        None(RuleIds.IndicatorDirection, Valid().WithIndicator("质量指标", "资金发放率", "≥95%"));

    [Fact]
    public void IndicatorUnitMissing_Fires_ForARateWithoutPercent()
    {
        var finding = Single(RuleIds.IndicatorUnitMissing, Valid().WithIndicator("成本指标", "成本控制率", "≤100"));

        Assert.Contains("%", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndicatorUnitMissing_Fires_ForARateWithAnotherUnit() =>
        Single(RuleIds.IndicatorUnitMissing, Valid().WithIndicator("质量指标", "验收合格率", "≥95个"));

    [Fact]
    public void IndicatorUnitMissing_DoesNotFire_ForARateWithPercent_OrACountWithoutUnit()
    {
        None(RuleIds.IndicatorUnitMissing, Valid());
        None(RuleIds.IndicatorUnitMissing, Valid().WithIndicator("数量指标", "培训场次", "≥5"));
    }

    [Theory]
    [InlineData("质量指标", "培训质量", "≥5个")]
    [InlineData("时效指标", "完成时限", "3次")]
    [InlineData("数量指标", "服务企业数量", "≥90%")]
    [InlineData("其他满意度指标", "群众满意度", "及时")]
    public void IndicatorCategoryMismatch_Fires_WhenTheValueDoesNotFitTheCategory(string level2, string name, string value)
    {
        var builder = Valid().AddIndicator(level2, name, value);

        Assert.Equal(Severity.Warning, Assert.Single(FindingsOf(RuleIds.IndicatorCategoryMismatch, builder)).Severity);
    }

    [Theory]
    [InlineData("数量指标", "资金发放率", "100%")]
    [InlineData("数量指标", "企业占比", "≥30%")]
    [InlineData("时效指标", "响应时间", "＜5天")]
    [InlineData("质量指标", "验收合格率", "100%")]
    [InlineData("其他满意度指标", "群众满意度", "≥85%")]
    public void IndicatorCategoryMismatch_DoesNotFire_WhenTheValueFits(string level2, string name, string value) =>
        None(RuleIds.IndicatorCategoryMismatch, Valid().AddIndicator(level2, name, value));

    [Theory]
    [InlineData("≥70%")]
    [InlineData("100%")]
    [InlineData("≥100%")]
    [InlineData("90%")]
    [InlineData("≤95%")]
    [InlineData("满意")]
    public void SatisfactionTarget_Fires_OutsideTheBand_OrNotALowerBound(string value) =>
        Single(RuleIds.SatisfactionTarget, Valid().WithIndicator("服务对象满意度指标", "使用部门满意度", value));

    [Theory]
    [InlineData("≥80%")]
    [InlineData("≥99.5%")]
    [InlineData("≧９０％")]
    public void SatisfactionTarget_DoesNotFire_InsideTheBand(string value) =>
        None(RuleIds.SatisfactionTarget, Valid().WithIndicator("服务对象满意度指标", "使用部门满意度", value));

    [Fact]
    public void SatisfactionTarget_FollowsTheConfiguredBand()
    {
        var validator = new DeclarationValidator(new DeclarationRulesOptions { SatisfactionMinPercent = 60m });

        var findings = validator.Validate(Valid().WithIndicator("服务对象满意度指标", "使用部门满意度", "≥70%").Build());

        Assert.DoesNotContain(findings, f => f.Rule == RuleIds.SatisfactionTarget);
    }

    [Theory]
    [InlineData("投资带动", "不适用", "不适用")]
    [InlineData("不适用", "不适用", "该指标主要考察投资带动情况。")]
    public void NaRowInconsistent_Fires_ForAPartlyNotApplicableRow(string name, string value, string explanation)
    {
        var builder = Valid().WithRow("经济效益指标", r => { r.NotApplicable = false; r.Name = name; r.Value = value; r.Explanation = explanation; });

        Assert.Equal(Severity.Warning, Single(RuleIds.NaRowInconsistent, builder).Severity);
    }

    [Fact]
    public void NaRowInconsistent_Fires_ForAFlaggedRowThatStillHasContent() =>
        Single(RuleIds.NaRowInconsistent, Valid().WithRow("经济效益指标", r => r.Value = "≥2%"));

    [Fact]
    public void NaRowInconsistent_DoesNotFire_ForAWhollyNotApplicableRow_WithOrWithoutTheFlag()
    {
        None(RuleIds.NaRowInconsistent, Valid());
        None(RuleIds.NaRowInconsistent, Valid().WithRow("经济效益指标", r => r.NotApplicable = false));
    }
}
