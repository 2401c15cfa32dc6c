using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class TextRulesTests : ValidatorTestBase
{
    [Fact]
    public void TextNumberConflict_Fires_WhenTextsAndIndicatorCountTheSameStaffDifferently()
    {
        var builder = Valid()
            .With(f =>
            {
                f.CalculationBasis = "用途1：12名辅助人员劳务费20万元。";
                f.AnnualGoal = "配置10名辅助人员，保障各项工作正常开展。";
            })
            .AddIndicator("数量指标", "辅助人员数量", "≥8人");

        var conflict = Single(RuleIds.TextNumberConflict, builder);
        Assert.Equal(("annualGoal", Severity.Warning), (conflict.Field, conflict.Severity));
        Assert.Contains("12名", conflict.Message, StringComparison.Ordinal);
        // The indicator promises fewer than the basis pays for: that is COUNT_BELOW_FUNDED, said once.
        var below = Single(RuleIds.CountBelowFunded, builder);
        Assert.EndsWith(".value", below.Field, StringComparison.Ordinal);
        Assert.Contains("8人", below.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextNumberConflict_Fires_WhenTheIndicatorPromisesMoreThanTheTextSays() =>
        Assert.EndsWith(".value", Single(RuleIds.TextNumberConflict, Valid()
            .With(f => f.CalculationBasis = "用途1：12名辅助人员劳务费20万元。")
            .AddIndicator("数量指标", "辅助人员数量", "≥15人")).Field, StringComparison.Ordinal);

    [Fact]
    public void TextNumberConflict_DoesNotFire_WhenPartsAddUpToTheWhole() =>
        None(RuleIds.TextNumberConflict, Valid()
            .With(f =>
            {
                f.CalculationBasis = "用途1：扶持规上工业企业20家，每家5万元，共100万元；用途2：扶持规上服务业企业15家，每家6万元，共90万元。";
                f.AnnualGoal = "全年扶持规上企业35家。";
            })
            .AddIndicator("数量指标", "扶持规上企业数量", "35家"));

    [Fact]
    public void TextNumberConflict_DoesNotFire_ForOneSharedGenericWord() =>
        None(RuleIds.TextNumberConflict, Valid().With(f =>
        {
            f.CalculationBasis = "用途1：扶持企业20家，共100万元。";
            f.AnnualGoal = "新增入库企业5家。";
        }));

    [Theory]
    [InlineData("服务辅助企业500余家。", "≥520家")]
    [InlineData("服务辅助企业约500家。", "≥480家")]
    public void TextNumberConflict_ReadsApproximations(string goal, string value) =>
        None(RuleIds.TextNumberConflict, Valid().With(f => f.AnnualGoal = goal).AddIndicator("数量指标", "服务辅助企业数量", value));

    [Fact]
    public void TextNumberConflict_ReadsChineseNumerals() =>
        Assert.Contains("3名", Single(RuleIds.TextNumberConflict, Valid()
            .With(f => { f.CalculationBasis = "用途1：三名辅助人员劳务费20万元。"; f.AnnualGoal = "配置3名辅助人员。"; })
            .AddIndicator("数量指标", "辅助人员数量", "≥5人")).Message, StringComparison.Ordinal);

    [Fact]
    public void CountBelowFunded_Fires_WhenTheBasisFundsMoreEventsThanTheTargetPromises()
    {
        var finding = Single(RuleIds.CountBelowFunded, Valid()
            .With(f => f.CalculationBasis = "用途1：举办推介活动10场，每场2万元，共20万元。")
            .AddIndicator("数量指标", "举办推介活动场次", "≥6场"));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("10场", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountBelowFunded_DoesNotFire_WhenTheTargetMeetsTheFundedCount() =>
        None(RuleIds.CountBelowFunded, Valid()
            .With(f => f.CalculationBasis = "用途1：举办推介活动10场，每场2万元，共20万元。")
            .AddIndicator("数量指标", "举办推介活动场次", "≥10场"));

    [Fact]
    public void TextNumberConflict_DoesNotFire_WhenEveryMentionAgrees() =>
        None(RuleIds.TextNumberConflict, Valid()
            .With(f =>
            {
                f.CalculationBasis = "用途1：12名辅助人员劳务费20万元。";
                f.AnnualGoal = "配置12名辅助人员，保障各项工作正常开展。";
            })
            .AddIndicator("数量指标", "辅助人员数量", "≥12人"));

    [Fact]
    public void TextNumberConflict_DoesNotFire_BetweenTwoIndicators() =>
        None(RuleIds.TextNumberConflict, Valid().AddIndicator("数量指标", "新入库企业数量", "≥5家").AddIndicator("数量指标", "申报企业数量", "≥300家"));

    [Fact]
    public void TextNumberConflict_DoesNotFire_ForDifferentThings_OrWithinOneField() =>
        None(RuleIds.TextNumberConflict, Valid()
            .With(f =>
            {
                f.CalculationBasis = "用途1：机关办公桌20张12万元；用途2：中心办公桌8张8万元。";
                f.AnnualGoal = "为3名新进职员配置办公设备。";
            })
            .AddIndicator("数量指标", "服务企业数量", "≥300家"));

    [Fact]
    public void DuplicateText_Fires_ForIdenticalFields()
    {
        var finding = Single(RuleIds.DuplicateText, Valid().With(f => f.LongTermGoal = f.AnnualGoal));

        Assert.Equal("longTermGoal", finding.Field);
        Assert.Contains("【年度目标】", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateText_Fires_ForFieldsThatDifferOnlyInSpacesAndPunctuation() =>
        Single(RuleIds.DuplicateText, Valid().With(f => f.PolicyBasis = f.AnnualGoal.Replace("，", " ,", StringComparison.Ordinal) + " "));

    [Fact]
    public void DuplicateText_Fires_ForFieldsAtLeast95PercentSimilar() =>
        Single(RuleIds.DuplicateText, Valid().With(f =>
        {
            f.AnnualGoal = "完成全年办公设备的维护保养和耗材采购工作，确保日常办公不中断，提升机关运转保障水平，做好各项服务。";
            f.LongTermGoal = "完成每年办公设备的维护保养和耗材采购工作，确保日常办公不中断，提升机关运转保障水平，做好各项服务。";
        }));

    [Fact]
    public void DuplicateText_DoesNotFire_ForFieldsLessThan95PercentSimilar() =>
        None(RuleIds.DuplicateText, Valid().With(f =>
        {
            f.AnnualGoal = "保证2024年个人申请的政策资金发放合规性，推动人才引进更加顺畅。";
            f.LongTermGoal = "保证个人申请的人才政策资金发放合规性，推动人才引进更加顺畅。";
        }));

    [Theory]
    [InlineData("项目人员：张三、李四、王五。")]
    [InlineData("联系人：陈小明，电话另行提供。")]
    [InlineData("由赵六、钱七等3人负责实施。")]
    public void PersonalData_Fires_ForNamesOfPrivatePersons(string sentence)
    {
        var finding = Single(RuleIds.PersonalData, Valid().With(f => f.AnnualGoal += sentence));

        Assert.Equal(("annualGoal", Severity.Error), (finding.Field, finding.Severity));
    }

    [Theory]
    [InlineData("用途1：慰问对象：王大明、李小红，每人2000元，共4000元。", "王**", "王大明")]
    [InlineData("用途1：走访慰问困难企业家张伟、刘洋等2人，共0.4万元。", "张*", "张伟")]
    public void PersonalData_IsAnErrorInTheBasis_AndTheMessageMasksTheName(string basis, string masked, string name)
    {
        var finding = Single(RuleIds.PersonalData, Valid().With(f => f.CalculationBasis = basis));

        Assert.Equal(("calculationBasis", Severity.Error), (finding.Field, finding.Severity));
        Assert.Contains(masked, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(name, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("项目人员：3名辅助人员。")]
    [InlineData("成员单位：区发展改革局、区财政局等部门。")]
    [InlineData("负责人：办公室主任。")]
    [InlineData("荣耀:2名高层次人才配套支持。")]
    [InlineData("人员：高层次人才。")]
    [InlineData("服务对象：辖区企业。")]
    public void PersonalData_DoesNotFire_ForCountsRolesAndOrganisations(string sentence) =>
        None(RuleIds.PersonalData, Valid().With(f => f.AnnualGoal += sentence));

    [Fact]
    public void PersonalData_LooksIntoIndicatorExplanations() =>
        Assert.EndsWith(".explanation", Single(RuleIds.PersonalData,
            Valid().WithRow("数量指标", r => r.Explanation = "考察人员：王小红、刘大伟的工作量。")).Field, StringComparison.Ordinal);

    [Theory]
    [InlineData("根据区委关于机关运转保障的部署，做好", "policyBasis")]
    [InlineData("按照《机关事务管理办法要求保障运转。", "policyBasis")]
    [InlineData("确保“设备正常运行。", "annualGoal")]
    public void TextTruncated_Fires_ForTextStoppingMidSentence_OrLeavingABracketOpen(string text, string path)
    {
        var finding = Single(RuleIds.TextTruncated, Valid().With(f => FieldRulesTests.Set(f, path, text)));

        Assert.Equal((path, Severity.Info), (finding.Field, finding.Severity));
    }

    [Theory]
    [InlineData("按照《机关事务管理办法》要求保障运转。")]
    [InlineData("保障运转（含设备维护）")]
    [InlineData("做好各项保障工作！")]
    public void TextTruncated_DoesNotFire_ForCompleteText(string text) =>
        None(RuleIds.TextTruncated, Valid().With(f => f.PolicyBasis = text));
}
