using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using PerfWorkflow.Api.Tests.Hosting;

namespace PerfWorkflow.Api.Tests.Notifications;

/// <summary>The embedded profile delivers mail as .eml files under the data folder (in-memory bus, SQLite log).</summary>
public sealed class EmbeddedMailTests
{
    [Fact]
    public async Task Submit_WritesTheOfficesEmail_AsAnEmlFile()
    {
        await using var app = new EmbeddedApp();
        using var drafter = await LoginAsync(app, "drafter.gy");
        var drafts = await drafter.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft");
        var draft = drafts!.First()!;
        var id = draft["id"]!.GetValue<Guid>();
        var name = draft["name"]!.GetValue<string>();

        using var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);

        var mail = await WaitForEmlAsync(Path.Combine(app.DataDirectory, "mail"), "office@futian.example.cn", TimeSpan.FromSeconds(30));
        Assert.Equal($"【待审核】工业运行科提交申报表：{name}", mail.Subject);
        Assert.Contains(name, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/declarations/{id}", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("office", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task DeliveryLog_IsForAdminsOnly(string? user, HttpStatusCode expected)
    {
        await using var app = new EmbeddedApp();
        using var client = user is null ? app.CreateClient() : await LoginAsync(app, user);

        using var response = await client.GetAsync("/api/admin/deliveries?status=failed");

        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<HttpClient> LoginAsync(EmbeddedApp app, string userName)
    {
        var client = app.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2024" });
        login.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The first .eml file in <paramref name="folder"/> to <paramref name="to"/> (and, when given, matching <paramref name="where"/>).</summary>
    internal static async Task<MimeMessage> WaitForEmlAsync(string folder, string to, TimeSpan timeout, Func<MimeMessage, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == to) && (where is null || where(message)))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No .eml file for {to} under {folder} within {timeout}.");
    }
}
