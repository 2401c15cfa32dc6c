using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PerfWorkflow.Api.Tests.Pages;

namespace PerfWorkflow.Api.Tests.Files;

public sealed partial class AttachmentsPageTests
{
    [Fact]
    public async Task DetailsPage_UploadsByAPlainFormPost_ListsTheFile_AndHistorySaysUploaded()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var page = await drafter.GetStringAsync($"/declarations/{declaration.Id}");
        Assert.Contains("<h2>附件</h2>", page, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        var token = Token().Match(page).Groups[1].Value;

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent($"/declarations/{declaration.Id}"), "back" },
        };
        var file = new ByteArrayContent([.. "%PDF-1.4\n%%EOF\n"u8]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "采购报价单.pdf");
        using var posted = await drafter.PostAsync($"/declarations/{declaration.Id}?handler=Attach", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await drafter.GetStringAsync($"/declarations/{declaration.Id}");
        Assert.Contains("采购报价单.pdf", after, StringComparison.Ordinal);
        Assert.Contains("15 B", after, StringComparison.Ordinal);
        var history = await drafter.GetStringAsync($"/declarations/{declaration.Id}/history");
        Assert.Contains("上传附件 采购报价单.pdf", history, StringComparison.Ordinal);
        var editor = await drafter.GetStringAsync($"/declarations/{declaration.Id}/edit");
        Assert.Contains("采购报价单.pdf", editor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsPage_RefusesARenamedProgram_SayingWhy_AndStoresNothing()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var page = await drafter.GetStringAsync($"/declarations/{declaration.Id}");
        using var form = new MultipartFormDataContent { { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        var file = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "报价单.pdf");

        using var posted = await drafter.PostAsync($"/declarations/{declaration.Id}?handler=Attach", form);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("文件“报价单.pdf”：", html, StringComparison.Ordinal);
        Assert.Contains("未上传任何文件", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDomainAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Attachments)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
