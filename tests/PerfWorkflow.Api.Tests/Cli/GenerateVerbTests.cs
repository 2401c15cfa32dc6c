using System.Text.Json;
using PerfWorkflow.Api.Cli;

namespace PerfWorkflow.Api.Tests.Cli;

public class GenerateVerbTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliVerbs.TryRun(["generate", .. args], stdout, stderr)!.Value;
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Generate_WritesFormsJson_WithInjectedDefectLabels()
    {
        var (code, output, _) = Run("--count", "40", "--seed", "5", "--defect-rate", "0.5");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var forms = json.RootElement.GetProperty("forms").EnumerateArray().ToList();
        Assert.Equal(40, forms.Count);
        var clean = forms.Where(f => f.GetProperty("injectedDefects").GetArrayLength() == 0).ToList();
        Assert.All(clean, f => Assert.Matches("^440304[0-9]{15}$", f.GetProperty("code").GetString()));
        Assert.Contains(forms, f => f.GetProperty("injectedDefects").GetArrayLength() > 0);
        Assert.Contains(forms, f => f.GetProperty("injectedDefects").GetArrayLength() == 0);
        Assert.Equal(JsonValueKind.Object, forms[0].GetProperty("indicators")[0].GetProperty("parsed").ValueKind);
    }

    [Fact]
    public void Generate_IsRepeatableForTheSameSeed() =>
        Assert.Equal(Run("--count", "5", "--seed", "9").Out, Run("--seed", "9", "--count", "5").Out);

    [Fact]
    public void Generate_WritesTheTextExtractedFormat()
    {
        var (code, output, _) = Run("--count", "3", "--seed", "1", "--format", "text");

        Assert.Equal(0, code);
        Assert.Equal(3, output.Split('\n').Count(l => l == "二级项目支出绩效目标申报表"));
    }

    [Theory]
    [InlineData("--seed", "1")]
    [InlineData("--count", "10")]
    [InlineData("--count", "0", "--seed", "1")]
    [InlineData("--count", "ten", "--seed", "1")]
    [InlineData("--count", "10", "--seed", "1", "--defect-rate", "2")]
    [InlineData("--count", "10", "--seed", "1", "--format", "xml")]
    [InlineData("--count", "10", "--seed", "1", "--colour", "red")]
    [InlineData("--count")]
    public void Generate_ExitsWith2AndAMessage_OnBadArguments(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("generate: ", error, StringComparison.Ordinal);
    }
}
