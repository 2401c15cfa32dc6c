using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>The embedded demo (six drafts in 工业运行科 and 消费促进科) on a clock a test can move, signed in through the login page.</summary>
public sealed partial class PortalApp : IAsyncDisposable
{
    public const string DemoPassword = "Demo#2024";

    private readonly EmbeddedApp _embedded = new();

    public PortalApp()
    {
        Factory = _embedded.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8)));

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>What the host logged as errors (for clients of factories derived from <see cref="Factory"/>).</summary>
    public ServerErrors Errors => _embedded.Errors;

    /// <summary>A client of <see cref="Factory"/> whose 500 names what the host logged.</summary>
    public HttpClient CreateClient(WebApplicationFactoryClientOptions? options = null) => EmbeddedApp.CreateDiagnosedClient(Factory, _embedded.Errors, options);

    /// <summary>The data folder: the SQLite file and the <c>mail/</c> folder of .eml files.</summary>
    public string DataDirectory => _embedded.DataDirectory;

    /// <summary>Moves the clock after the host has started, so the demo drafts are seeded (with their due dates) before.</summary>
    public void Advance(TimeSpan by)
    {
        _ = Factory.Server;
        Clock.Advance(by);
    }

    /// <summary>A client signed in as <paramref name="userName"/> by posting the login form with its antiforgery token.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = EmbeddedApp.CreatePortalClient(Factory, _embedded.Errors);
        using var response = await PostFormAsync(client, "/login", "/login", new() { ["UserName"] = userName, ["Password"] = DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form of the page at <paramref name="pagePath"/> with the antiforgery token that page rendered.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string actionPath, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pagePath);
        fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(actionPath, content);
    }

    /// <summary>Runs <paramref name="work"/> with the database and the declaration workflow, as the app does.</summary>
    public async Task<T> WithDomainAsync<T>(Func<PerfWorkflowDbContext, Workflows.Route.DeclarationWorkflow, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>(), scope.ServiceProvider.GetRequiredService<Workflows.Route.DeclarationWorkflow>());
    }

    public Task<Declaration> FirstDeclarationOfAsync(string sectionId) =>
        WithDomainAsync((db, _) => db.Declarations.AsNoTracking().Where(d => d.SectionId == sectionId).OrderBy(d => d.Code).FirstAsync());

    public Task<Actor> ActorAsync(string userName) =>
        WithDomainAsync(async (db, _) => Actor.From(await db.Users.SingleAsync(u => u.UserName == userName)));

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _embedded.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
