using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class CalendarValidationTests
{
    private const string Source = "\"source\": \"test notice\"";

    [Theory]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [], \"workdays\": [{\"date\": \"2024-04-08\", \"for\": \"清明节\"}]}",
        "workdays[0]（2024-04-08）", "星期六或星期日")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"元旦\", \"from\": \"2023-12-30\", \"to\": \"2024-01-01\"}], \"workdays\": []}",
        "holidays[0]（元旦）", "不在 2024 年内")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"清明节\", \"from\": \"2024-04-06\", \"to\": \"2024-04-04\"}], \"workdays\": []}",
        "holidays[0]（清明节）", "晚于结束日")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"国庆节\", \"from\": \"2024-10-01\", \"to\": \"2024-10-07\"}], \"workdays\": [{\"date\": \"2024-10-05\", \"for\": \"国庆节\"}]}",
        "workdays[0]（2024-10-05）", "既放假又上班")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"中秋节\", \"from\": \"2024-09-15\", \"to\": \"2024-09-17\"}, {\"name\": \"另一个\", \"from\": \"2024-09-17\", \"to\": \"2024-09-18\"}], \"workdays\": []}",
        "holidays[1]（另一个）", "重叠")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"春节\", \"from\": \"2024-02-30\", \"to\": \"2024-02-17\"}], \"workdays\": []}",
        "holidays[0]（春节）", "\"2024-02-30\" 不是 yyyy-MM-dd")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [{\"name\": \"春节\", \"from\": \"2024-02-10\", \"to\": \"2024-02-17\", \"days\": 8}], \"workdays\": []}",
        "holidays[0]", "未知字段 \"days\"")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holiday\": [], \"workdays\": []}",
        "2024.json", "未知字段 \"holiday\"")]
    [InlineData("{\"year\": 2024, " + Source + ", \"workdays\": []}",
        "2024.json", "缺少字段 \"holidays\"")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [], \"workdays\": [{\"date\": \"2024-02-04\", \"for\": \"春节\"}, {\"date\": \"2024-02-04\", \"for\": \"春节\"}]}",
        "workdays[1]（2024-02-04）", "重复")]
    [InlineData("{\"year\": 2025, " + Source + ", \"holidays\": [], \"workdays\": []}",
        "2024.json 的 year", "文件名应为 2025.json")]
    [InlineData("{\"year\": 2024, \"confirmed\": false, " + Source + ", \"holidays\": [{\"name\": \"元旦\", \"from\": \"2024-01-01\", \"to\": \"2024-01-01\"}], \"workdays\": []}",
        "2024.json 的 confirmed", "只按周末计算")]
    [InlineData("{\"year\": 2024, " + Source + ", \"holidays\": [], \"workdays\": [}",
        "2024.json", "不是有效的 JSON")]
    public void Parse_RefusesABadFile_NamingTheFileAndTheEntry(string json, string where, string problem)
    {
        var error = Assert.Throws<CalendarConfigurationException>(() => CalendarYearFile.Parse("2024.json", json));

        Assert.Equal("2024.json", error.FileName);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsAnUnconfirmedYearWithEmptyLists()
    {
        var year = CalendarYearFile.Parse("2028.json", "{\"year\": 2028, \"confirmed\": false, " + Source + ", \"holidays\": [], \"workdays\": []}");

        Assert.False(year.Confirmed);
    }

    [Fact]
    public void Load_RefusesAFolderWithABadFile_NamingTheFile()
    {
        using var folder = new TempCalendarFolder();
        folder.Write("2024.json", File.ReadAllText(Path.Combine(RealCalendar.Folder, "2024.json")));
        folder.Write("2025.json", "{\"year\": 2025, " + Source + ", \"holidays\": [], \"workdays\": [{\"date\": \"2025-04-28\", \"for\": \"劳动节\"}]}");

        var error = Assert.Throws<CalendarConfigurationException>(() => new WorkingDayCalendar(folder.Path));

        Assert.Equal("2025.json", error.FileName);
        Assert.Equal("workdays[0]（2025-04-28）", error.Entry);
    }

    [Fact]
    public void Load_RefusesAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-calendar-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<CalendarConfigurationException>(() => new WorkingDayCalendar(missing));
    }
}
