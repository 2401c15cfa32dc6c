using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>
/// Issue 13: attachments on the production path — stored as bytea in the real PostgreSQL (so two app nodes share
/// them), downloaded byte for byte, refused to another 科室, deleted while Draft.
/// </summary>
public sealed class AttachmentsOnPostgresTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task AFewMegabytePdf_IsStoredInPostgres_DownloadedByteIdentical_RefusedToAnotherSection_AndDeletedWhileDraft()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var other = await fx.LoginAsync("drafter.xf");
        var id = (await RouteFixture.CreateAsync(drafter, cycle))["id"]!.GetValue<Guid>();
        var pdf = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        "\n%%EOF\n"u8.CopyTo(pdf.AsSpan(pdf.Length - 7));

        using (var upload = await UploadAsync(drafter, id, "采购报价单.pdf", pdf))
        {
            Assert.True(upload.IsSuccessStatusCode, $"upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
        }
        var list = JsonDocument.Parse(await drafter.GetStringAsync($"/api/declarations/{id}/attachments")).RootElement.EnumerateArray().ToArray();
        var item = Assert.Single(list);
        var attachmentId = item.GetProperty("id").GetString();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), item.GetProperty("sha256").GetString());

        using (var download = await drafter.GetAsync($"/api/declarations/{id}/attachments/{attachmentId}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }
        using (var refused = await other.GetAsync($"/api/declarations/{id}/attachments/{attachmentId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var exe = await UploadAsync(drafter, id, "报价单.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
            Assert.Matches("\\p{IsCJKUnifiedIdeographs}", await exe.Content.ReadAsStringAsync());
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/declarations/{id}/attachments/{attachmentId}")
        {
            Content = new StringContent("", new MediaTypeHeaderValue("application/json")),
        };
        using (var deleted = await drafter.SendAsync(delete))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"delete answered {(int)deleted.StatusCode}");
        }
        Assert.Empty(JsonDocument.Parse(await drafter.GetStringAsync($"/api/declarations/{id}/attachments")).RootElement.EnumerateArray());
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", name);
        return client.PostAsync($"/api/declarations/{id}/attachments", form);
    }
}
