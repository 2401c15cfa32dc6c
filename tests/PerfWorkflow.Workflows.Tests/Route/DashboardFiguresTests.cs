using System.Text;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

public sealed class DashboardFiguresTests
{
    [Fact]
    public void TimeInStage_OfAnOddCount_IsTheMiddleDeclaration()
    {
        var time = StageTime.Of(DeclarationStage.OfficeReview, [(5, 1), (1, 2)]);

        Assert.Equal(new StageTime(DeclarationStage.OfficeReview, 3, 1, 5), time);
    }

    [Fact]
    public void TimeInStage_OfAnEvenCount_IsTheMeanOfTheTwoMiddleDeclarations()
    {
        var time = StageTime.Of(DeclarationStage.Draft, [(0, 1), (3, 1), (4, 1), (9, 1)]);

        Assert.Equal(3.5, time.MedianWorkingDays);
        Assert.Equal(9, time.MaxWorkingDays);
    }

    [Fact]
    public void Csv_HasABom_QuotesEveryField_AndKeepsFormulasAsText()
    {
        var bytes = CsvTable.ToBytes(["项目名称", "逾期（工作日）"], [["=1+1", "-3"], ["含\"引号\"", "2"]]);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            "\"项目名称\",\"逾期（工作日）\"" + Environment.NewLine +
            "\"'=1+1\",\"-3\"" + Environment.NewLine +
            "\"含\"\"引号\"\"\",\"2\"" + Environment.NewLine,
            text);
    }
}
