using System.Diagnostics;
using System.Text;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Import;
using PerfWorkflow.Workflows.Tests.Export;

namespace PerfWorkflow.EndToEnd.Files;

/// <summary>
/// A real spreadsheet program reads what we write and we read what it writes: LibreOffice Calc, headless, converts the
/// package workbook of the eleven sample forms to CSV, PDF and its own .xlsx.
/// </summary>
public sealed class LibreOfficeWorkbookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pw-libreoffice-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LibreOffice_ReadsThePackageWorkbook_AsCsvWithTheFormsAndTheComputedTotals()
    {
        var input = WritePackage();

        // Sheet −1: every sheet to its own CSV file, UTF-8 (76), values as shown (万元 with two decimals).
        await ConvertAsync(input, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");

        var summary = await File.ReadAllTextAsync(Path.Combine(_folder, "out", "package-汇总表.csv"), Encoding.UTF8);
        foreach (var form in WorkbookSamples.FromText.Forms.Select(f => f.Form))
        {
            Assert.Contains(form.Name, summary, StringComparison.Ordinal);
            Assert.Contains(form.Code, summary, StringComparison.Ordinal);
        }
        var bureauTotal = WorkbookSamples.FromText.Forms.Sum(f => f.Form.CurrentYearAmountYuan ?? 0) / 10_000m;
        Assert.Contains(bureauTotal.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
        Assert.Contains("按项目类型汇总", summary, StringComparison.Ordinal);
        Assert.Contains("按科室汇总", summary, StringComparison.Ordinal);

        var first = WorkbookSamples.FromText.Forms[0].Form;
        var sheet = await File.ReadAllTextAsync(Path.Combine(_folder, "out", $"package-{first.Code}.csv"), Encoding.UTF8);
        Assert.Contains("二级项目支出绩效目标申报表", sheet, StringComparison.Ordinal);
        Assert.Contains("本年度项目金额（万元）,,15.00,", sheet, StringComparison.Ordinal);
        Assert.Contains(first.Indicators[0].Name, sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibreOffice_PrintsThePackageWorkbook_AsAPdfWithAPagePerSheetAtLeast()
    {
        var input = WritePackage();

        await ConvertAsync(input, "pdf");

        var pdf = await File.ReadAllBytesAsync(Path.Combine(_folder, "out", "package.pdf"));
        Assert.True(pdf.AsSpan().StartsWith("%PDF"u8));
        var pages = Encoding.Latin1.GetString(pdf).Split("/Type/Page").Length - 1 - Encoding.Latin1.GetString(pdf).Split("/Type/Pages").Length + 1;
        Assert.True(pages >= 12, $"expected at least one page per sheet (12), the PDF has {pages}");
    }

    [Fact]
    public async Task WorkbookSavedAgainByLibreOffice_ImportsAsTheSameElevenDeclarations()
    {
        var input = WritePackage();

        await ConvertAsync(input, "xlsx:Calc MS Excel 2007 XML");

        await using var saved = File.OpenRead(Path.Combine(_folder, "out", "package.xlsx"));
        var again = FormFileReader.Read(saved);
        Assert.Empty(again.Errors);
        Assert.Equal(11, again.Forms.Count);
        for (var i = 0; i < 11; i++)
        {
            WorkbookSamples.AssertSameForm(WorkbookSamples.FromText.Forms[i].Form, again.Forms[i].Form);
        }
    }

    [Theory]
    [InlineData("xlsm:Calc MS Excel 2007 VBA XML", "package.xlsm", "宏")]
    [InlineData("xls:MS Excel 97", "package.xls", ".xls")]
    [InlineData("ods", "package.ods", ".ods")]
    public async Task WorkbookSavedByLibreOffice_InAFormatWeDoNotRead_IsRefusedSayingWhatToDo(string filter, string file, string word)
    {
        var input = WritePackage();

        await ConvertAsync(input, filter);

        await using var saved = File.OpenRead(Path.Combine(_folder, "out", file));
        var read = FormFileReader.Read(saved);
        Assert.Empty(read.Forms);
        var error = Assert.Single(read.Errors).Message;
        Assert.Contains(word, error, StringComparison.Ordinal);
        Assert.Contains("另存为", error, StringComparison.Ordinal);
    }

    private string WritePackage()
    {
        var path = Path.Combine(_folder, "package.xlsx");
        using (var file = File.Create(path))
        {
            WorkbookSamples.WritePackage(file);
        }
        return path;
    }

    private async Task ConvertAsync(string input, string filter)
    {
        var start = new ProcessStartInfo(TestEnvironment.SofficePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                // A private profile: parallel runs and the machine's own LibreOffice never share a lock.
                $"-env:UserInstallation=file://{Path.Combine(_folder, "profile")}",
                "--headless", "--norestore", "--nologo", "--convert-to", filter, "--outdir", Path.Combine(_folder, "out"), input,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {await output} {await errors}");
        Assert.True(Directory.EnumerateFiles(Path.Combine(_folder, "out")).Any(), $"soffice wrote nothing: {await output} {await errors}");
    }
}
