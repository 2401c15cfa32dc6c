using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class RuleCatalogueTests
{
    [Fact]
    public void RuleIds_ListEveryCatalogueRuleOnce_WithItsSeverity()
    {
        Assert.Equal(29, RuleIds.All.Select(r => r.Rule).Distinct().Count());
        Assert.Equal(Severity.Info, RuleIds.SeverityOf(RuleIds.AmountUnitSuspect));
        Assert.Equal(Severity.Warning, RuleIds.SeverityOf(RuleIds.ImportOrphanText));
        Assert.Equal(Severity.Error, RuleIds.SeverityOf(RuleIds.AmountBasisMismatch));
        Assert.Equal(Severity.Info, RuleIds.SeverityOf(RuleIds.TextTruncated));
    }

    [Fact]
    public void SeverityOf_Throws_ForAnUnknownRule() =>
        Assert.Throws<ArgumentException>(() => RuleIds.SeverityOf("NO_SUCH_RULE"));

    [Theory]
    [InlineData("calculationBasis", "测算依据")]
    [InlineData("longTermGoal", "长期目标（跨度多年的项目需填）")]
    [InlineData("totalAmountYuan", "项目总金额（中期规划）")]
    [InlineData("indicators", "绩效指标")]
    [InlineData("indicators[3].value", "指标值")]
    [InlineData("indicators[12].name", "三级指标")]
    [InlineData("indicators[0].explanation", "指标解释")]
    public void FieldLabels_GiveTheFormLabelOfAPath(string path, string label) => Assert.Equal(label, FieldLabels.Of(path));
}
