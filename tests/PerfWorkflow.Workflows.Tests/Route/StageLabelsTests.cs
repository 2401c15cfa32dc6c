using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

public sealed class StageLabelsTests
{
    [Theory]
    [InlineData("Draft", "科室起草")]
    [InlineData("OfficeReview", "办公室审核")]
    [InlineData("Consolidated", "已纳入汇总")]
    [InlineData("BureauReview", "局审核")]
    [InlineData("Approved", "局已审定")]
    [InlineData("SubmittedToFinance", "已报送区财政")]
    [InlineData("Finalized", "财政审核通过")]
    [InlineData("Excluded", "不纳入汇总")]
    public void For_GivesTheChineseLabel_OfEachStage(string stage, string label)
    {
        Assert.Equal(label, StageLabels.For(stage));
    }

    [Fact]
    public void For_FindsACamelCasedStageName()
    {
        Assert.Equal("办公室审核", StageLabels.For("officeReview"));
    }

    [Fact]
    public void For_Throws_ForAStageThatDoesNotExist()
    {
        Assert.Throws<ArgumentException>(() => StageLabels.For("FinanceReview"));
        Assert.False(StageLabels.TryGet("FinanceReview", out _));
    }

    [Fact]
    public void InRouteOrder_ListsEveryStageOnce()
    {
        Assert.Equal(8, StageLabels.InRouteOrder.Select(pair => pair.Key).Distinct().Count());
        Assert.Equal("Draft", StageLabels.InRouteOrder[0].Key);
    }
}
