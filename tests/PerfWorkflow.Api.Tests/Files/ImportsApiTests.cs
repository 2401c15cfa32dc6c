using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Import;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Files;

public sealed class ImportsApiTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Samples", "seed-forms-2024.txt");

    [Fact]
    public async Task RoundTrip_ExportModifyImport_PreviewsAnUpdateWithTheDiff_AndConfirmWritesItWithAHistoryEntry()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var exported = await drafter.GetByteArrayAsync($"/api/declarations/{declaration.Id}/xlsx");
        var form = Assert.Single(FormFileReader.Read(new MemoryStream(exported)).Forms).Form;
        form.Name = "导入后改名的项目";
        var modified = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(modified, form);

        using var preview = await UploadAsync(drafter, ("改过的.xlsx", modified.ToArray()));

        Assert.Equal(HttpStatusCode.Created, preview.StatusCode);
        var body = await JsonAsync(preview);
        var planned = Assert.Single(body.GetProperty("forms").EnumerateArray());
        Assert.Equal("update", planned.GetProperty("outcome").GetString());
        Assert.Equal(declaration.Id, planned.GetProperty("declarationId").GetGuid());
        var change = Assert.Single(planned.GetProperty("diff").GetProperty("fields").EnumerateArray());
        Assert.Equal("项目名称", change.GetProperty("label").GetString());
        Assert.Equal("导入后改名的项目", change.GetProperty("new").GetString());
        Assert.Equal(declaration.Name, (await app.FirstDeclarationOfAsync("gy")).Name); // nothing written yet

        using var confirm = await drafter.PostAsync($"/api/imports/{body.GetProperty("id").GetGuid()}/confirm", Json());

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var result = Assert.Single((await JsonAsync(confirm)).GetProperty("results").EnumerateArray());
        Assert.Equal("update", result.GetProperty("outcome").GetString());
        var after = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().SingleAsync(d => d.Id == declaration.Id));
        Assert.Equal("导入后改名的项目", after.ReadForm().Name);
        Assert.True(after.Version > declaration.Version);
        var audit = await app.WithDomainAsync((db, _) => db.AuditEvents.AsNoTracking().Where(e => e.DeclarationId == declaration.Id).Select(e => e.Comment).ToListAsync());
        Assert.Contains("导入自 改过的.xlsx", audit);
        var history = await drafter.GetStringAsync($"/declarations/{declaration.Id}/history");
        Assert.Contains("导入自 改过的.xlsx", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmingTwice_WritesOnce_AndAnswers409()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var id = (await JsonAsync(await UploadAsync(drafter, ("seed-forms-2024.txt", await File.ReadAllBytesAsync(Sample))))).GetProperty("id").GetGuid();
        var before = await CountAsync(app, "gy");

        using var first = await drafter.PostAsync($"/api/imports/{id}/confirm", Json());
        var afterFirst = await CountAsync(app, "gy");
        using var second = await drafter.PostAsync($"/api/imports/{id}/confirm", Json());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已经确认过", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(afterFirst > before);
        Assert.Equal(afterFirst, await CountAsync(app, "gy"));
    }

    [Fact]
    public async Task SampleTextExport_CreatesDraftsInTheDraftersSection()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var expected = FormFileReader.ReadFile(Sample).Forms.Count;
        var before = await CountAsync(app, "gy");

        var preview = await JsonAsync(await UploadAsync(drafter, ("seed-forms-2024.txt", await File.ReadAllBytesAsync(Sample))));
        var forms = preview.GetProperty("forms").EnumerateArray().ToList();

        Assert.Equal(expected, forms.Count);
        Assert.All(forms, f => Assert.Equal("create", f.GetProperty("outcome").GetString()));
        Assert.All(forms, f => Assert.EndsWith("万元", f.GetProperty("currentYearAmountWanYuan").GetString() + "万元", StringComparison.Ordinal));
        Assert.Contains(forms, f => f.GetProperty("findings").GetArrayLength() > 0);
        using var confirm = await drafter.PostAsync($"/api/imports/{preview.GetProperty("id").GetGuid()}/confirm", Json());
        var results = (await JsonAsync(confirm)).GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("create", r.GetProperty("outcome").GetString()));
        Assert.Equal(before + expected, await CountAsync(app, "gy"));
        var created = results[0].GetProperty("declarationId").GetGuid();
        var stage = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().Where(d => d.Id == created).Select(d => d.Stage).SingleAsync());
        Assert.Equal(DeclarationStage.Draft, stage);
    }

    [Fact]
    public async Task AFormOfAnotherSection_IsSkipped_WithTheReason()
    {
        await using var app = new PortalApp();
        using var owner = await app.SignInAsync("drafter.gy");
        using var other = await app.SignInAsync("drafter.xf");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var exported = await owner.GetByteArrayAsync($"/api/declarations/{declaration.Id}/xlsx");

        var preview = await JsonAsync(await UploadAsync(other, ("工业.xlsx", exported)));
        var form = Assert.Single(preview.GetProperty("forms").EnumerateArray());

        Assert.Equal("skip", form.GetProperty("outcome").GetString());
        Assert.Contains("属于其他科室", form.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var confirm = await other.PostAsync($"/api/imports/{preview.GetProperty("id").GetGuid()}/confirm", Json());
        Assert.Equal("skip", Assert.Single((await JsonAsync(confirm)).GetProperty("results").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal(declaration.Version, (await app.FirstDeclarationOfAsync("gy")).Version);
    }

    [Fact]
    public async Task BadFiles_AreRefusedOneByOne_WithAChineseMessage_AndTheGoodFileStillImports()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var before = await CountAsync(app, "gy");
        var compound = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
        var encrypted = compound.Concat(new byte[512]).Concat(Encoding.Unicode.GetBytes("EncryptionInfo")).ToArray();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes("这不是申报表，只是一段会议纪要。\n请各科室按时报送。\n");

        var preview = await JsonAsync(await UploadAsync(drafter,
            ("报表.xlsx", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
            ("旧表.xls", compound.Concat(new byte[512]).ToArray()),
            ("加密.xlsx", encrypted),
            ("纪要.txt", gb18030),
            ("炸弹.xlsx", ZipBomb()),
            ("seed-forms-2024.txt", await File.ReadAllBytesAsync(Sample))));
        var forms = preview.GetProperty("forms").EnumerateArray().ToList();

        string Reason(string file) => Assert.Single(forms, f => f.GetProperty("fileName").GetString() == file).GetProperty("reason").GetString()!;
        Assert.Contains("可执行程序", Reason("报表.xlsx"), StringComparison.Ordinal);
        Assert.Contains(".xls", Reason("旧表.xls"), StringComparison.Ordinal);
        Assert.Contains("密码", Reason("加密.xlsx"), StringComparison.Ordinal);
        Assert.Matches("[\u4e00-\u9fff]", Reason("纪要.txt"));
        Assert.Contains("zip 炸弹", Reason("炸弹.xlsx"), StringComparison.Ordinal);
        Assert.All(forms.Where(f => f.GetProperty("fileName").GetString() != "seed-forms-2024.txt"), f => Assert.Equal("skip", f.GetProperty("outcome").GetString()));
        Assert.Contains(forms, f => f.GetProperty("outcome").GetString() == "create");

        using var confirm = await drafter.PostAsync($"/api/imports/{preview.GetProperty("id").GetGuid()}/confirm", Json());
        var created = (await JsonAsync(confirm)).GetProperty("results").EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "create");
        Assert.Equal(before + created, await CountAsync(app, "gy"));
        Assert.Equal(FormFileReader.ReadFile(Sample).Forms.Count, created);
    }

    [Fact]
    public async Task HostileWorkbooks_OfTheDraftersOwnForm_AreRefusedOneByOne_AndNoDeclarationChanges()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var before = await CountAsync(app, "gy");
        var form = Assert.Single(FormFileReader.Read(new MemoryStream(await drafter.GetByteArrayAsync($"/api/declarations/{declaration.Id}/xlsx"))).Forms).Form;
        form.Name = "导入后改名的项目";
        var edited = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(edited, form);
        var exported = edited.ToArray();
        // Each file is the drafter's edited form, changed in one way a workbook from the world can be; untouched, it updates the draft.
        byte[] Changed(Action<SpreadsheetDocument> change)
        {
            var file = new MemoryStream();
            file.Write(exported);
            using (var document = SpreadsheetDocument.Open(file, true))
            {
                change(document);
            }
            return file.ToArray();
        }
        static Worksheet Sheet(SpreadsheetDocument d) => d.WorkbookPart!.WorksheetParts.First().Worksheet;
        var rows = new MemoryStream();
        DeclarationWorkbook.WriteTable(rows, "数据", ["项目编码"], Enumerable.Range(0, 100_000).Select(i => (IReadOnlyList<object?>)[i]));

        var preview = await JsonAsync(await UploadAsync(drafter,
            ("原样.xlsx", exported),
            ("宏.xlsm", Changed(d => d.WorkbookPart!.AddNewPart<VbaProjectPart>())),
            ("外链.xlsx", Changed(d => d.WorkbookPart!.AddNewPart<ExternalWorkbookPart>())),
            ("公式.xlsx", Changed(d =>
            {
                var cell = Sheet(d).Descendants<Cell>().First(c => c.CellReference == "C4");
                cell.InlineString = null;
                cell.DataType = null;
                cell.CellFormula = new CellFormula("'[预算.xlsx]Sheet1'!A1");
            })),
            ("隐藏.xlsx", Changed(d => d.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First().State = SheetStateValues.Hidden)),
            ("十万行.xlsx", rows.ToArray())));
        var forms = preview.GetProperty("forms").EnumerateArray().ToList();

        JsonElement Planned(string file) => Assert.Single(forms, f => f.GetProperty("fileName").GetString() == file);
        Assert.Equal("update", Planned("原样.xlsx").GetProperty("outcome").GetString());
        foreach (var (file, word) in new[] { ("宏.xlsm", "宏"), ("外链.xlsx", "外部链接"), ("公式.xlsx", "公式"), ("隐藏.xlsx", "隐藏"), ("十万行.xlsx", "行上限") })
        {
            Assert.Equal("skip", Planned(file).GetProperty("outcome").GetString());
            Assert.Contains(word, Planned(file).GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        // The refused files are not written on confirm either; only the untouched file's update goes through.
        using var confirm = await drafter.PostAsync($"/api/imports/{preview.GetProperty("id").GetGuid()}/confirm", Json());
        var results = (await JsonAsync(confirm)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count(r => r.GetProperty("outcome").GetString() == "skip"));
        Assert.Equal("update", Assert.Single(results, r => r.GetProperty("fileName").GetString() == "原样.xlsx").GetProperty("outcome").GetString());
        Assert.Equal(before, await CountAsync(app, "gy"));
        var after = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().SingleAsync(d => d.Id == declaration.Id));
        Assert.Equal(declaration.Version + 1, after.Version);
        var imports = await app.WithDomainAsync((db, _) => db.AuditEvents.AsNoTracking()
            .Where(e => e.DeclarationId == declaration.Id && e.Comment != null && e.Comment.StartsWith("导入自")).Select(e => e.Comment).ToListAsync());
        Assert.Equal("导入自 原样.xlsx", Assert.Single(imports));
    }

    [Fact]
    public async Task AnotherUsersPreview_Is404_AndNothingIsWritten()
    {
        await using var app = new PortalApp();
        using var owner = await app.SignInAsync("drafter.gy");
        using var office = await app.SignInAsync("office");
        var id = (await JsonAsync(await UploadAsync(owner, ("seed-forms-2024.txt", await File.ReadAllBytesAsync(Sample))))).GetProperty("id").GetGuid();
        var before = await CountAsync(app, "gy");

        using var read = await office.GetAsync($"/api/imports/{id}");
        using var confirm = await office.PostAsync($"/api/imports/{id}/confirm", Json());

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(before, await CountAsync(app, "gy"));
    }

    [Fact]
    public async Task Office_ImportsForTheSectionItChooses()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var before = await CountAsync(app, "xf");

        var preview = await JsonAsync(await UploadAsync(office, [("seed-forms-2024.txt", await File.ReadAllBytesAsync(Sample))], sectionId: "xf"));
        using var confirm = await office.PostAsync($"/api/imports/{preview.GetProperty("id").GetGuid()}/confirm", Json());

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(before + FormFileReader.ReadFile(Sample).Forms.Count, await CountAsync(app, "xf"));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Bytes)[] files) => UploadAsync(client, files, null);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, (string Name, byte[] Bytes)[] files, string? sectionId)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "files", name);
        }
        if (sectionId is not null)
        {
            content.Add(new StringContent(sectionId), "sectionId");
        }
        return await client.PostAsync("/api/imports", content);
    }

    private static StringContent Json() => new("{}", Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<int> CountAsync(PortalApp app, string section) =>
        app.WithDomainAsync((db, _) => db.Declarations.CountAsync(d => d.SectionId == section));

    /// <summary>A tiny zip whose one part inflates to 200 MB of zeros.</summary>
    private static byte[] ZipBomb()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                entry.Write(zeros);
            }
        }
        return buffer.ToArray();
    }
}
