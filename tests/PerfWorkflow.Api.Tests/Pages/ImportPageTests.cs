using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>The 导入 page without script: a plain multipart form post with the antiforgery token, then 确认导入.</summary>
public sealed partial class ImportPageTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Samples", "seed-forms-2024.txt");

    [Fact]
    public async Task PlainFormPosts_UploadPreviewAndConfirm_AndAPostWithoutTheTokenIsRefused()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var page = await drafter.GetStringAsync("/imports");
        Assert.Contains("<title>导入", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/imports\"", page, StringComparison.Ordinal);
        var token = Token().Match(page).Groups[1].Value;
        var before = await app.WithDomainAsync((db, _) => db.Declarations.CountAsync(d => d.SectionId == "gy"));

        using var refused = await drafter.PostAsync("/imports?handler=Upload", Upload(null));
        using var uploaded = await drafter.PostAsync("/imports?handler=Upload", Upload(token));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.ToString();
        var preview = await drafter.GetStringAsync(previewUrl);
        Assert.Contains("导入预览", preview, StringComparison.Ordinal);
        Assert.Contains("新建草稿", preview, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDomainAsync((db, _) => db.Declarations.CountAsync(d => d.SectionId == "gy")));

        var id = Regex.Match(previewUrl, "[0-9a-f-]{36}").Value;
        using var confirmed = await PortalApp.PostFormAsync(drafter, previewUrl, $"/imports?handler=Confirm&id={id}", []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var results = await drafter.GetStringAsync(previewUrl);
        Assert.Contains("导入结果", results, StringComparison.Ordinal);
        Assert.Matches("href=\"/declarations/[0-9a-f-]{36}\"", results);
        Assert.True(await app.WithDomainAsync((db, _) => db.Declarations.CountAsync(d => d.SectionId == "gy")) > before);

        using var leader = await app.SignInAsync("leader");
        using var forbidden = await leader.GetAsync("/imports");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    private static MultipartFormDataContent Upload(string? token)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(File.ReadAllBytes(Sample));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(file, "files", "seed-forms-2024.txt");
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }
        return content;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
