using System.IO.Compression;
using System.Net;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Api.Tests.Files;

public sealed class WorkbooksApiTests
{
    [Fact]
    public async Task DeclarationXlsx_IsTheStoredForm_AsAWorkbookThatImportsFieldByField()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");

        using var response = await drafter.GetAsync($"/api/declarations/{declaration.Id}/xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeclarationWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var read = FormFileReader.Read(body);
        Assert.Empty(read.Errors);
        var form = Assert.Single(read.Forms).Form;
        var stored = declaration.ReadForm();
        Assert.Equal(stored.Code, form.Code);
        Assert.Equal(stored.Name, form.Name);
        Assert.Equal(stored.CurrentYearAmountYuan, form.CurrentYearAmountYuan);
        Assert.Equal(stored.CalculationBasis, form.CalculationBasis);
        Assert.Equal(stored.Indicators.Select(r => (r.Level2, r.Name, r.Value)), form.Indicators.Select(r => (r.Level2, r.Name, r.Value)));
    }

    [Fact]
    public async Task DeclarationXlsx_OfAnotherSection_IsRefused()
    {
        await using var app = new PortalApp();
        using var other = await app.SignInAsync("drafter.xf");
        var declaration = await app.FirstDeclarationOfAsync("gy");

        using var response = await other.GetAsync($"/api/declarations/{declaration.Id}/xlsx");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PackageXlsx_HasTheSummarySheetFirst_ThenASheetPerDeclaration_AndIsOnlyForTheOfficeSide()
    {
        await using var app = new PortalApp();
        var cycle = (await app.FirstDeclarationOfAsync("gy")).CycleYear;
        using var office = await app.SignInAsync("office");
        using var drafter = await app.SignInAsync("drafter.gy");

        using var refused = await drafter.GetAsync($"/api/packages/{cycle}/xlsx");
        using var response = await office.GetAsync($"/api/packages/{cycle}/xlsx");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var count = await app.WithDomainAsync((db, _) => Task.FromResult(db.Declarations.Count(d => d.CycleYear == cycle && d.Stage != Workflows.Route.DeclarationStage.Excluded)));
        Assert.Equal(count, FormFileReader.Read(body).Forms.Count);
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);
        using var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
        var xml = await workbook.ReadToEndAsync();
        Assert.True(xml.IndexOf("name=\"汇总表\"", StringComparison.Ordinal) is > 0 and var at && at < xml.IndexOf("sheetId=\"2\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DashboardXlsx_IsTheTwinOfTheCsv_ForTheOffice()
    {
        await using var app = new PortalApp();
        app.Advance(TimeSpan.FromDays(40));
        using var office = await app.SignInAsync("office");

        using var response = await office.GetAsync("/dashboard?handler=Xlsx&section=gy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeclarationWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        var draft = await app.FirstDeclarationOfAsync("gy");
        Assert.Contains(draft.Code, xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1+1")]
    [InlineData("-A1")]
    [InlineData("@SUM(1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void CsvField_DefusesEveryFormulaPrefix(string value) =>
        Assert.StartsWith("\"'", DashboardModel.CsvField(value), StringComparison.Ordinal);
}
