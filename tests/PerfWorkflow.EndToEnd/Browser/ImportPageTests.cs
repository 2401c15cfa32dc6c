using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>导入 in a real browser: a drafter uploads finance's text export, sees the preview, confirms, follows a link.</summary>
public sealed class ImportPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Samples", "seed-forms-2024.txt");

    [Fact]
    public async Task Drafter_UploadsTheTextExport_PreviewsAndConfirms_AndTheDraftsExist()
    {
        int Count() => portal.App.Services.CreateScope().ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().Declarations.Count(d => d.SectionId == "gy");
        var before = Count();
        var page = await portal.SignInAsync("drafter.gy");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "导入" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("文件", new() { Exact = true }).SetInputFilesAsync(Sample);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();

        var preview = page.Locator("#import-preview");
        await Assertions.Expect(preview).ToContainTextAsync("新建草稿");
        await PortalFixture.ScreenshotAsync(page, "50-import-preview");
        Assert.Equal(before, Count());

        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        var results = page.Locator("#import-results");
        await Assertions.Expect(results).ToContainTextAsync("已新建");
        await PortalFixture.ScreenshotAsync(page, "51-import-results");
        var created = await results.Locator("a").CountAsync();
        Assert.True(created > 0);
        Assert.Equal(before + created, Count());

        await results.Locator("a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/declarations/[0-9a-f-]{36}$"));
        await page.Context.DisposeAsync();
    }
}
