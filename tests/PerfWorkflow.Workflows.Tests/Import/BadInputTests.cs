using System.Text;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Tests.Import;

public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfworkflow-import-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t \r\n")]
    public void ReadFile_RefusesAnEmptyFile_Clearly(string content)
    {
        var result = TextFormReader.ReadFile(Write("empty.txt", Encoding.UTF8.GetBytes(content)));

        Assert.True(result.NothingRead);
        Assert.Contains("文件为空", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_RefusesABinaryFile_Clearly()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;

        var result = TextFormReader.ReadFile(Write("picture.png", bytes));

        Assert.True(result.NothingRead);
        Assert.Contains("不是文本文件", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_RefusesBytesThatAreNeitherUtf8NorGb18030_Clearly()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("二级项目支出绩效目标申报表\n"), 0xFF, 0xFE, 0x80, 0xFF];

        var result = TextFormReader.ReadFile(Write("broken.txt", bytes));

        Assert.True(result.NothingRead);
        Assert.Contains("编码无法识别", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_ReportsAMissingFile_Clearly()
    {
        var result = TextFormReader.ReadFile(Path.Combine(_directory, "none.txt"));

        Assert.Contains("找不到文件", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_ReadsAGb18030File_LikeItsUtf8Original()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(SampleForms.FilePath);
        var path = Write("gb18030.txt", Encoding.GetEncoding("GB18030").GetBytes(text));

        var result = TextFormReader.ReadFile(path);

        Assert.Equal(Json(TextFormReader.Read(text)), Json(result));
        Assert.Equal(11, result.Forms.Count);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    public void ReadFile_ReadsAFileWithAByteOrderMark(string encoding)
    {
        var text = File.ReadAllText(SampleForms.FilePath);
        var bytes = encoding == "utf-8-bom" ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)] : Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var result = TextFormReader.ReadFile(Write("bom.txt", bytes));

        Assert.Equal(Json(TextFormReader.Read(text)), Json(result));
    }

    [Fact]
    public void ReadFile_ReadsAUtf16FileWithoutByteOrderMark()
    {
        var text = File.ReadAllText(SampleForms.FilePath);

        var result = TextFormReader.ReadFile(Write("utf16.txt", Encoding.Unicode.GetBytes(text)));

        Assert.Equal(Json(TextFormReader.Read(text)), Json(result));
    }

    [Fact]
    public void ReadFile_ReadsA50MegabyteFile_FormByForm()
    {
        var sample = File.ReadAllBytes(SampleForms.FilePath);
        var path = Path.Combine(_directory, "big.txt");
        var copies = 0;
        using (var stream = File.Create(path))
        {
            while (stream.Length < 50L * 1024 * 1024)
            {
                stream.Write(sample);
                copies++;
            }
        }

        var result = TextFormReader.ReadFile(path);

        Assert.Empty(result.Errors);
        Assert.Equal(11 * copies, result.Forms.Count);
        var last = result.Forms[^1].Form;
        Assert.Equal(SampleForms.Expected[10].LongTermGoal, last.LongTermGoal);
        Assert.Equal(SampleForms.Expected[10].Indicators.Count, last.Indicators.Count);
    }

    [Fact]
    public void Read_ReadsAFormWith500IndicatorRows_AndTheValidatorCopes()
    {
        var rows = string.Concat(Enumerable.Range(1, 500).Select(i => $"产出指标 *数量指标 维护设备{i}类 ≥{i}台 该指标主要考察第{i}类设备\n\n"));
        var text = FormTexts.With("产出指标 *数量指标 维护设备台数 ≥50台 该指标主要考察维护设备台数\n", rows);

        var form = Assert.Single(TextFormReader.Read(text).Forms).Form;
        var findings = new DeclarationValidator(new DeclarationRulesOptions()).Validate(form);

        Assert.Equal(509, form.Indicators.Count);
        Assert.Equal(("维护设备500类", "≥500台", "该指标主要考察第500类设备"), (form.Indicators[499].Name, form.Indicators[499].Value, form.Indicators[499].Explanation));
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Read_ReadsAField_Of100000Characters_AndTheValidatorSaysItIsTooLong()
    {
        var goal = string.Concat(Enumerable.Repeat("完成全局办公设备维护", 10_000));
        var text = FormTexts.With("年度目标： 完成全局打印机和电脑的年度维护，保障日常办公。", "年度目标： " + goal);

        var form = Assert.Single(TextFormReader.Read(text).Forms).Form;
        var findings = new DeclarationValidator(new DeclarationRulesOptions()).Validate(form);

        Assert.Equal(100_000, form.AnnualGoal.Length);
        Assert.Equal(goal, form.AnnualGoal);
        Assert.Contains(findings, f => f.Rule == RuleIds.TextTooLong && f.Field == "annualGoal");
    }

    [Fact]
    public void Read_KeepsEveryLine_WhenHundredThousandLinesFollowALabelOrAValuelessRow()
    {
        var junk = string.Concat(Enumerable.Repeat("续行文字续行文字续行文字\n", 100_000));
        var afterName = FormTexts.With("项目名称： 办公设备维护\n", "项目名称： 办公设备维护\n" + junk);
        var afterRow = FormTexts.With("产出指标 *数量指标 维护设备台数 ≥50台 该指标主要考察维护设备台数\n", "产出指标 *数量指标 维护设备台数\n" + junk);

        var name = Assert.Single(TextFormReader.Read(afterName).Forms).Form.Name;
        var row = Assert.Single(TextFormReader.Read(afterRow).Forms).Form.Indicators[0];

        Assert.Equal("办公设备维护".Length + 1_200_000, name.Length);
        Assert.Equal(1_200_000 + "维护设备台数".Length, row.Name.Length + row.Value.Length + row.Explanation.Length);
    }

    [Fact]
    public void Read_KeepsTextBeforeTheFirstLabel_AsOneParagraph()
    {
        var text = FormTexts.With("二级项目支出绩效目标申报表\n", "二级项目支出绩效目标申报表\n第一页\n第二页\n\n第三页\n");

        var imported = Assert.Single(TextFormReader.Read(text).Forms);

        Assert.Equal(["第一页\n第二页\n第三页"], imported.Form.UnplacedText);
        Assert.Single(imported.Findings, f => f.Rule == RuleIds.ImportOrphanText);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Json(ImportResult result) => System.Text.Json.JsonSerializer.Serialize(result, DeclarationJson.Options);
}
