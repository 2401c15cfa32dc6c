using System.Text;
using System.Text.Json;
using PerfWorkflow.Api.Cli;

namespace PerfWorkflow.Api.Tests.Cli;

public sealed class ValidateVerbTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Samples", "seed-forms-2024.txt");

    private readonly string _directory = Directory.CreateTempSubdirectory("perfworkflow-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Validate_PrintsExactlyTheJsonContract_ForTheSampleFile()
    {
        var (exit, stdout, _) = Run(Sample);

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["forms", "errors"], Names(json.RootElement));
        var forms = json.RootElement.GetProperty("forms").EnumerateArray().ToList();
        Assert.Equal(11, forms.Count);
        foreach (var form in forms)
        {
            Assert.Equal(
                ["code", "name", "applicantUnit", "budgetUnit", "periodYears", "projectType", "isNew", "allocationMethod", "totalAmountYuan",
                 "currentYearAmountYuan", "policyBasis", "calculationBasis", "annualGoal", "longTermGoal", "indicators", "unplacedText", "findings"],
                Names(form));
            Assert.Equal(["code", "name"], Names(form.GetProperty("projectType")));
            foreach (var row in form.GetProperty("indicators").EnumerateArray())
            {
                Assert.Equal(["level1", "level2", "name", "value", "explanation", "notApplicable", "parsed"], Names(row));
            }
            foreach (var finding in form.GetProperty("findings").EnumerateArray())
            {
                Assert.Equal(["rule", "severity", "field", "message"], Names(finding));
            }
        }
        Assert.Empty(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Validate_WritesValuesAsTheContractTypesThem()
    {
        var (_, stdout, _) = Run(Sample);

        using var json = JsonDocument.Parse(stdout);
        var first = json.RootElement.GetProperty("forms")[0];
        Assert.Equal("440304231071501005005", first.GetProperty("code").GetString());
        Assert.Equal(150000m, first.GetProperty("currentYearAmountYuan").GetDecimal());
        Assert.Equal(4, first.GetProperty("periodYears").GetInt32());
        Assert.False(first.GetProperty("isNew").GetBoolean());
        var satisfaction = first.GetProperty("indicators")[8];
        Assert.Equal("≥90%", satisfaction.GetProperty("value").GetString());
        Assert.Equal("quant", satisfaction.GetProperty("parsed").GetProperty("kind").GetString());
        Assert.Contains(first.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == "AMOUNT_UNIT_SUSPECT" && f.GetProperty("severity").GetString() == "info");
        Assert.Contains("深圳市福田区", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExitsOne_AndListsTheErrors_WhenAFormHasAnErrorFinding()
    {
        var (exit, stdout, _) = Run(Sample);

        using var json = JsonDocument.Parse(stdout);
        var labour = json.RootElement.GetProperty("forms").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "劳务派遣");
        Assert.Contains(labour.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule").GetString() == "REQUIRED_FIELD" && f.GetProperty("field").GetString() == "policyBasis");
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Validate_ExitsZero_WhenNoFormHasAnErrorFinding()
    {
        // 购置费（政府采购）, lines 662–758 of the sample, deserves no error.
        var form = Write("clean.txt", string.Join('\n', File.ReadLines(Sample).Skip(661).Take(97)));

        var (exit, stdout, stderr) = Run(form);

        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("购置费（政府采购）", Assert.Single(json.RootElement.GetProperty("forms").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001\u0002binary\u0000")]
    [InlineData("这不是申报表。")]
    public void Validate_ExitsTwo_WithAClearMessageOnStderr_WhenNothingCanBeRead(string content)
    {
        var (exit, _, stderr) = Run(Write("input.txt", content));

        Assert.Equal(2, exit);
        Assert.StartsWith("validate：", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "至少指定一个")]
    [InlineData(new[] { "--format", "xml", "a.txt" }, "--format")]
    [InlineData(new[] { "--budget-year", "24", "a.txt" }, "--budget-year")]
    [InlineData(new[] { "--strict", "a.txt" }, "未知选项")]
    public void Validate_ExitsTwo_WithUsage_WhenTheCommandLineIsWrong(string[] args, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = ValidateVerb.Run(args, stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("用法", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void Validate_NamesTheFileInErrors_WhenSeveralFilesAreGiven()
    {
        var empty = Write("empty.txt", "");

        var (exit, stdout, stderr) = Run(Sample, empty);

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(11, json.RootElement.GetProperty("forms").GetArrayLength());
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(["line", "message"], Names(error));
        Assert.StartsWith("empty.txt：", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("validate：empty.txt：文件为空", stderr, StringComparison.Ordinal);
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Validate_PrintsAReadableChineseReport_WithFormatText()
    {
        var (exit, stdout, _) = Run("--format", "text", Sample);

        Assert.Contains("6. 劳务派遣（项目编码 440304221071500000003）", stdout, StringComparison.Ordinal);
        Assert.Contains("[错误] policyBasis：【政策依据】为必填项", stdout, StringComparison.Ordinal);
        Assert.Contains("本年度项目金额：150,000.00 元（15.00 万元）", stdout, StringComparison.Ordinal);
        Assert.Matches(@"共 11 张申报表：错误 \d+ 条，警告 \d+ 条，提示 \d+ 条", stdout);
        Assert.Equal(1, exit);
    }

    [Fact]
    public void Validate_EndsTheTextReportWithACountPerRule_AndSaysTheUnitNoteOncePerFile()
    {
        var (_, stdout, _) = Run("--format", "text", Sample);

        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
        var summary = Array.FindIndex(lines, l => l.StartsWith("共 11 张申报表", StringComparison.Ordinal));
        Assert.Equal("按规则统计：", lines[summary + 1]);
        Assert.Contains(lines[(summary + 2)..], l => l.StartsWith("DUPLICATE_TEXT：", StringComparison.Ordinal));
        Assert.Contains(lines[(summary + 2)..], l => l.StartsWith("AMOUNT_UNIT_SUSPECT：1 条（提示 1）", StringComparison.Ordinal));
        // The finance export labels every amount 万元: one note for the file, none on the forms.
        Assert.Single(lines, l => l.Contains("（AMOUNT_UNIT_SUSPECT）", StringComparison.Ordinal));
        Assert.StartsWith("[提示] seed-forms-2024.txt：第1、", lines.Single(l => l.Contains("（AMOUNT_UNIT_SUSPECT）", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChecksTheNewProjectFlag_AgainstTheBudgetYearGiven()
    {
        static bool FlagsTalentForm(string stdout)
        {
            using var json = JsonDocument.Parse(stdout);
            var form = json.RootElement.GetProperty("forms").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "英才荟经费");
            return form.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("rule").GetString() == "NEW_PROJECT_INCONSISTENT");
        }

        // The project entered the library in 2024: 新增 = 否 is wrong for budget year 2024 only.
        Assert.True(FlagsTalentForm(Run(Sample).Stdout));
        Assert.False(FlagsTalentForm(Run("--budget-year", "2025", Sample).Stdout));
        Assert.False(FlagsTalentForm(Run("--budget-year=2025", "--format=json", Sample).Stdout));
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ValidateVerb.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
