using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Pages.Declarations;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>A browser-like client of the embedded app: signs in through the login form, posts forms with their antiforgery token.</summary>
public sealed partial class PortalClient(EmbeddedApp app) : IDisposable
{
    public HttpClient Http { get; } = EmbeddedApp.CreatePortalClient(app, app.Errors);

    public static async Task<PortalClient> SignInAsync(EmbeddedApp app, string userName)
    {
        var client = new PortalClient(app);
        using var response = await client.PostFormAsync("/login", "/login", new() { ["userName"] = userName, ["password"] = "Demo#2024" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads the antiforgery token from <paramref name="pageUrl"/> and posts <paramref name="fields"/> to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await GetStringAsync(pageUrl);
        var token = TokenPattern().Match(page).Groups[1].Value;
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await Http.PostAsync(postUrl, new FormUrlEncodedContent(body));
    }

    public Task<HttpResponseMessage> PostEditorAsync(Guid id, string handler, Dictionary<string, string> fields) =>
        PostFormAsync($"/declarations/{id}/edit", $"/declarations/{id}/edit?handler={handler}", fields);

    /// <summary>The editor's fields for a form, as the page would post them.</summary>
    public static Dictionary<string, string> EditorFields(DeclarationForm form, int expectedVersion)
    {
        var input = DeclarationInput.FromForm(form);
        var fields = new Dictionary<string, string>
        {
            ["ExpectedVersion"] = expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Code"] = input.Code,
            ["Input.Name"] = input.Name,
            ["Input.PeriodYears"] = input.PeriodYears,
            ["Input.ProjectTypeCode"] = input.ProjectTypeCode,
            ["Input.IsNew"] = input.IsNew,
            ["Input.AllocationMethod"] = input.AllocationMethod,
            ["Input.TotalAmountWan"] = input.TotalAmountWan,
            ["Input.CurrentYearAmountWan"] = input.CurrentYearAmountWan,
            ["Input.PolicyBasis"] = input.PolicyBasis,
            ["Input.CalculationBasis"] = input.CalculationBasis,
            ["Input.AnnualGoal"] = input.AnnualGoal,
            ["Input.LongTermGoal"] = input.LongTermGoal,
        };
        for (var i = 0; i < input.Rows.Count; i++)
        {
            fields[$"Input.Rows[{i}].Level2"] = input.Rows[i].Level2;
            fields[$"Input.Rows[{i}].Name"] = input.Rows[i].Name;
            fields[$"Input.Rows[{i}].Value"] = input.Rows[i].Value;
            fields[$"Input.Rows[{i}].Explanation"] = input.Rows[i].Explanation;
        }
        for (var i = 0; i < input.NotApplicable.Count; i++)
        {
            fields[$"Input.NotApplicable[{i}]"] = input.NotApplicable[i];
        }
        return fields;
    }

    public static async Task<T> QueryAsync<T>(EmbeddedApp app, Func<PerfWorkflowDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>());
    }

    public static Task<Declaration> FirstDeclarationAsync(EmbeddedApp app, string section) =>
        QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.Name != "").OrderBy(d => d.Name).FirstAsync(d => d.SectionId == section));

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
