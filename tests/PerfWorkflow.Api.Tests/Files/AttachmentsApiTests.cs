using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Tests.Pages;

namespace PerfWorkflow.Api.Tests.Files;

public sealed class AttachmentsApiTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                w.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }
            using (var w = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                w.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            }
        }
        return buffer.ToArray();
    }

    private static byte[] PlainZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("hello");
        }
        return buffer.ToArray();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return client.PostAsync($"/api/declarations/{id}/attachments", form);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/declarations/{id}/attachments");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    [Fact]
    public async Task Upload_PdfPngDocx_AreStored_AndDownloadByteIdenticalWithTheirSha256()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var docx = Docx();

        using var upload = await UploadAsync(drafter, declaration.Id, ("报价单.pdf", Pdf), ("现场照片.png", Png), ("实施方案.docx", docx));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var list = await ListAsync(drafter, declaration.Id);
        Assert.Equal(3, list.Length);
        var types = list.ToDictionary(a => a.GetProperty("fileName").GetString()!, a => a.GetProperty("contentType").GetString());
        Assert.Equal("application/pdf", types["报价单.pdf"]);
        Assert.Equal("image/png", types["现场照片.png"]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", types["实施方案.docx"]);
        foreach (var (item, bytes) in list.Zip(new[] { Pdf, Png, docx }.OrderBy(_ => 0)).Select(p => (p.First, p.Second)))
        {
            var name = item.GetProperty("fileName").GetString()!;
            var expected = name.EndsWith(".pdf", StringComparison.Ordinal) ? Pdf : name.EndsWith(".png", StringComparison.Ordinal) ? Png : docx;
            using var download = await drafter.GetAsync($"/api/declarations/{declaration.Id}/attachments/{item.GetProperty("id").GetString()}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var body = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(expected, body);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), item.GetProperty("sha256").GetString());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            _ = bytes;
        }
        var history = await app.WithDomainAsync((db, _) => db.AuditEvents.AsNoTracking()
            .Where(a => a.DeclarationId == declaration.Id && a.Action == "attach").Select(a => a.Comment).ToListAsync());
        Assert.Contains("报价单.pdf", history);
        Assert.Equal("上传附件", Workflows.Route.RouteLabels.Action("attach"));
    }

    [Theory]
    [InlineData("报价单.pdf", "exe")]
    [InlineData("方案.docx", "zip")]
    [InlineData("说明.pdf", "html")]
    public async Task Upload_ByContentNotByName_RefusesAnythingElse_InChinese_AndStoresNothing(string name, string kind)
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var bytes = kind switch { "exe" => Exe, "zip" => PlainZip(), _ => "<html><body>x</body></html>"u8.ToArray() };

        using var upload = await UploadAsync(drafter, declaration.Id, ("照片.png", Png), (name, bytes));

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("只能上传 PDF", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(drafter, declaration.Id));
    }

    [Fact]
    public async Task Upload_OverTheFileLimit_IsRefusedInChinese_AndNothingIsStored_While20MbWorks()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var twenty = new byte[20 * 1024 * 1024];
        Pdf.CopyTo(twenty, 0);
        var over = new byte[20 * 1024 * 1024 + 1];
        Pdf.CopyTo(over, 0);

        using var ok = await UploadAsync(drafter, declaration.Id, ("大文件.pdf", twenty));
        using var refused = await UploadAsync(drafter, declaration.Id, ("超大文件.pdf", over));

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("超过单个附件的大小上限 20 MB", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await ListAsync(drafter, declaration.Id));
    }

    [Fact]
    public async Task AnotherSectionsDrafter_GetsTheSameAnswerAsForTheDeclaration_403()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        using var other = await app.SignInAsync("drafter.xf");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        using (var upload = await UploadAsync(drafter, declaration.Id, ("报价单.pdf", Pdf)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        var id = (await ListAsync(drafter, declaration.Id))[0].GetProperty("id").GetString();

        using var list = await other.GetAsync($"/api/declarations/{declaration.Id}/attachments");
        using var download = await other.GetAsync($"/api/declarations/{declaration.Id}/attachments/{id}");
        using var upload2 = await UploadAsync(other, declaration.Id, ("报价单.pdf", Pdf));

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload2.StatusCode);
    }

    [Fact]
    public async Task Delete_WhileDraft_IsAudited_AndAfterSubmit_IsRefused()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declarations = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().Where(d => d.SectionId == "gy").OrderBy(d => d.Code).Take(2).ToListAsync());
        foreach (var d in declarations)
        {
            using var upload = await UploadAsync(drafter, d.Id, ("报价单.pdf", Pdf));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        var first = (await ListAsync(drafter, declarations[0].Id))[0].GetProperty("id").GetString();
        var second = (await ListAsync(drafter, declarations[1].Id))[0].GetProperty("id").GetString();

        using var deleted = await drafter.SendAsync(Delete($"/api/declarations/{declarations[0].Id}/attachments/{first}"));
        using (var submit = await drafter.PostAsJsonAsync($"/api/declarations/{declarations[1].Id}/actions/submit", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }
        using var refused = await drafter.SendAsync(Delete($"/api/declarations/{declarations[1].Id}/attachments/{second}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await ListAsync(drafter, declarations[0].Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("不能删除附件", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await ListAsync(drafter, declarations[1].Id));
        Assert.True(await app.WithDomainAsync((db, _) => db.AuditEvents.AnyAsync(a => a.DeclarationId == declarations[0].Id && a.Action == "detach" && a.Comment == "报价单.pdf")));
    }

    [Fact]
    public async Task PackageZip_HoldsTheWorkbook_AndEachDeclarationsAttachmentsInItsFolder()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        using var office = await app.SignInAsync("office");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        using (var upload = await UploadAsync(drafter, declaration.Id, ("报价单.pdf", Pdf)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var refused = await drafter.GetAsync($"/api/packages/{declaration.CycleYear}/zip");
        using var response = await office.GetAsync($"/api/packages/{declaration.CycleYear}/zip");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Contains(zip.Entries, e => e.FullName == $"{declaration.CycleYear}年度全局申报包.xlsx");
        var form = declaration.ReadForm();
        var entry = zip.GetEntry($"{declaration.Code}-{form.Name}/报价单.pdf");
        Assert.NotNull(entry);
        using var body = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(body);
        }
        Assert.Equal(Pdf, body.ToArray());
    }

    private static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, path)
    {
        Content = new StringContent("", new MediaTypeHeaderValue("application/json")),
    };
}
