using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Import;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Imports;

/// <summary>Settings section "Imports": what one upload may hold and how long its preview is kept.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>One file; a workbook's zip limits (docs/adr/004-xlsx-library.md) apply on top.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    public int MaxFiles { get; set; } = 20;

    /// <summary>The whole multipart body.</summary>
    public long MaxRequestBytes { get; set; } = 100L * 1024 * 1024;

    public TimeSpan PreviewLifetime { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>What the confirm will do with a form.</summary>
public static class ImportOutcomes
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Skip = "skip";

    public static string Label(string outcome) => outcome switch
    {
        Create => "新建草稿",
        Update => "更新草稿",
        _ => "跳过",
    };
}

/// <summary>One form of the upload as read, its findings and the planned outcome (docs/architecture.md §8).</summary>
public sealed record ImportFormView(
    int Index,
    string FileName,
    int Line,
    string Code,
    string Name,
    string? ProjectType,
    string CurrentYearAmountWanYuan,
    IReadOnlyList<Finding> Findings,
    string Outcome,
    string OutcomeLabel,
    string? Reason,
    string? SectionId,
    string? SectionName,
    Guid? DeclarationId,
    int? ExpectedVersion,
    DeclarationDiff? Diff);

/// <summary>The answer of <c>POST /api/imports</c> (and <c>GET</c> of the page): the preview and, once confirmed, the results.</summary>
public sealed record ImportPreviewView(
    Guid Id,
    int? CycleYear,
    DateTimeOffset ExpiresAt,
    bool Confirmed,
    IReadOnlyList<ImportFormView> Forms,
    IReadOnlyList<ImportFormResult>? Results);

/// <summary>What the confirm did with one form: created, updated or skipped (with the reason), and the declaration.</summary>
public sealed record ImportFormResult(int Index, string FileName, string Code, string Name, string Outcome, string OutcomeLabel, string? Reason, Guid? DeclarationId);

/// <summary>An uploaded file as the service reads it (a buffered, seekable stream).</summary>
public sealed record UploadedFile(string FileName, Stream Content);

public abstract record ImportAnswer
{
    public sealed record Ok(ImportPreviewView Preview) : ImportAnswer;

    public sealed record Refused(int StatusCode, string Title, string Message) : ImportAnswer;
}

/// <summary>
/// Reads uploads into a stored preview, then writes the previewed forms through <see cref="DeclarationWorkflow"/> —
/// each its own transaction, with versions and an audit entry "导入自 FILE".
/// </summary>
public sealed class ImportService(PerfWorkflowDbContext db, DeclarationWorkflow workflow, IOptions<ImportOptions> options, TimeProvider clock)
{
    private sealed record StoredForm(ImportFormView View, DeclarationForm? Form);

    private sealed record StoredPreview(int? CycleYear, List<StoredForm> Forms);

    public ImportOptions Options => options.Value;

    public static bool MayImport(Actor actor) =>
        actor.Role == UserRole.Office || (actor.Role is UserRole.SectionDrafter or UserRole.SectionHead && actor.SectionId is not null);

    public async Task<ImportAnswer> PreviewAsync(Actor actor, IReadOnlyList<UploadedFile> files, string? sectionId, CancellationToken ct)
    {
        if (!MayImport(actor))
        {
            return new ImportAnswer.Refused(403, "无权导入", "只有科室经办人（本科室）和办公室可以导入申报表。");
        }
        if (files.Count == 0)
        {
            return new ImportAnswer.Refused(400, "请求不完整", "请选择至少一个要导入的文件（.xlsx 工作簿或财政系统导出的文本）。");
        }
        if (files.Count > Options.MaxFiles)
        {
            return new ImportAnswer.Refused(400, "文件过多", $"一次最多导入 {Options.MaxFiles} 个文件，本次选择了 {files.Count} 个。");
        }
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        string? targetSection = actor.Role == UserRole.Office ? (string.IsNullOrWhiteSpace(sectionId) ? null : sectionId.Trim()) : actor.SectionId;
        if (targetSection is not null && !sections.ContainsKey(targetSection))
        {
            return new ImportAnswer.Refused(400, "科室不存在", $"科室“{targetSection}”不存在。");
        }
        var cycleYear = await db.OpenCycleAsync(ct);
        var frozen = cycleYear is { } y ? DeclarationWorkflow.FrozenPackageReason(await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.CycleYear == y, ct)) : null;
        var stored = new List<StoredForm>();
        var seenCodes = new HashSet<string>(StringComparer.Ordinal);
        var limits = XlsxLimits.Default with { MaxFileBytes = Options.MaxFileBytes };
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            ImportResult read;
            if (file.Content.Length > Options.MaxFileBytes)
            {
                read = ImportResult.Failed($"文件过大（{file.Content.Length / (1024 * 1024.0):0.#} MB），超过 {Options.MaxFileBytes / (1024 * 1024)} MB 上限。");
            }
            else if (file.Content.Length == 0)
            {
                read = ImportResult.Failed("文件是空的，没有可导入的申报表。");
            }
            else
            {
                read = FormFileReader.Read(file.Content, limits);
            }
            foreach (var error in read.Errors)
            {
                stored.Add(new StoredForm(Skipped(stored.Count, name, error.Line, "", "", null, error.Message), null));
            }
            if (read.Forms.Count == 0 && read.Errors.Count == 0)
            {
                stored.Add(new StoredForm(Skipped(stored.Count, name, 0, "", "", null, "文件中没有找到申报表。"), null));
            }
            foreach (var imported in read.Forms)
            {
                var form = imported.Form;
                IReadOnlyList<Finding> findings = [.. (cycleYear is { } c ? workflow.Validate(form, c) : workflow.Validate(form)), .. imported.Findings];
                var view = await PlanAsync(actor, stored.Count, name, imported.Line, form, findings, cycleYear, frozen, targetSection, sections, seenCodes, ct);
                stored.Add(new StoredForm(view, view.Outcome == ImportOutcomes.Skip ? null : form));
            }
        }
        var now = clock.GetUtcNow();
        var preview = new ImportPreview
        {
            Id = Guid.NewGuid(),
            OwnerId = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + Options.PreviewLifetime,
            PreviewJson = JsonSerializer.Serialize(new StoredPreview(cycleYear, stored), DeclarationJson.Options),
        };
        // Expired previews of anyone go with the next upload: no job needed for a table this small.
        await db.ImportPreviews.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.ImportPreviews.Add(preview);
        await db.SaveChangesAsync(ct);
        return new ImportAnswer.Ok(View(preview));
    }

    private async Task<ImportFormView> PlanAsync(
        Actor actor, int index, string fileName, int line, DeclarationForm form, IReadOnlyList<Finding> findings, int? cycleYear, string? frozen,
        string? targetSection, IReadOnlyDictionary<string, string> sections, HashSet<string> seenCodes, CancellationToken ct)
    {
        var code = form.Code.Trim();
        ImportFormView Skip(string reason) => Skipped(index, fileName, line, code, form.Name, form, reason, findings);
        if (cycleYear is not { } cycle)
        {
            return Skip("当前没有开放申报的预算年度，无法导入。");
        }
        if (code.Length > 0 && !seenCodes.Add(code))
        {
            return Skip($"与本次上传中的另一张申报表项目编码重复（{code}），只导入第一张。");
        }
        var existing = code.Length == 0
            ? null
            : await db.Declarations.AsNoTracking()
                .Where(d => d.CycleYear == cycle && d.Code == code && d.Stage != DeclarationStage.Excluded)
                .OrderBy(d => d.CreatedAt).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            var section = sections.GetValueOrDefault(existing.SectionId, existing.SectionId);
            if (actor.Role != UserRole.Office && !actor.IsSectionMember(existing.SectionId))
            {
                return Skip($"{cycle} 年度已有项目编码 {code} 的申报表，属于其他科室（{section}），不能导入。");
            }
            if (!DeclarationWorkflow.CanImportInto(existing, actor))
            {
                return Skip($"{cycle} 年度项目编码 {code} 的申报表处于「{StageLabels.For(existing.Stage.ToString())}」阶段，不是草稿，不能通过导入修改。");
            }
            var diff = DeclarationDiff.Compare(existing.ReadForm(), form);
            if (diff.IsEmpty)
            {
                return Skip($"内容与现有草稿完全相同，无需更新。");
            }
            return Planned(ImportOutcomes.Update, null, existing.SectionId, section, existing.Id, existing.Version, diff);
        }
        if (frozen is not null)
        {
            return Skip(frozen);
        }
        if (targetSection is null)
        {
            return Skip("办公室导入新申报表时须选择所属科室。");
        }
        return Planned(ImportOutcomes.Create, null, targetSection, sections.GetValueOrDefault(targetSection, targetSection), null, null, null);

        ImportFormView Planned(string outcome, string? reason, string? sectionId, string? sectionName, Guid? id, int? version, DeclarationDiff? diff) =>
            new(index, fileName, line, code, form.Name, ProjectTypeText(form), DisplayFormat.WanYuan(form.CurrentYearAmountYuan), findings,
                outcome, ImportOutcomes.Label(outcome), reason, sectionId, sectionName, id, version, diff);
    }

    private static ImportFormView Skipped(int index, string fileName, int line, string code, string name, DeclarationForm? form, string reason, IReadOnlyList<Finding>? findings = null) =>
        new(index, fileName, line, code, name, form is null ? null : ProjectTypeText(form), DisplayFormat.WanYuan(form?.CurrentYearAmountYuan), findings ?? [],
            ImportOutcomes.Skip, ImportOutcomes.Label(ImportOutcomes.Skip), reason, null, null, null, null, null);

    private static string? ProjectTypeText(DeclarationForm form) => form.ProjectType is { } t ? $"{t.Code} {t.Name}" : null;

    /// <summary>The user's own preview; another user's id, an unknown or an expired one is null (→ 404).</summary>
    public async Task<ImportPreviewView?> FindAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var preview = await LoadAsync(actor, id, ct);
        return preview is null ? null : View(preview);
    }

    private async Task<ImportPreview?> LoadAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var preview = await db.ImportPreviews.FirstOrDefaultAsync(p => p.Id == id && p.OwnerId == actor.UserId, ct);
        return preview is not null && (preview.ExpiresAt > now || preview.ConfirmedAt is not null) ? preview : null;
    }

    public async Task<ImportAnswer> ConfirmAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var preview = await LoadAsync(actor, id, ct);
        if (preview is null)
        {
            return new ImportAnswer.Refused(404, "未找到", "找不到这次导入的预览（可能已过期，或不是您上传的）。请重新上传文件。");
        }
        if (preview.ConfirmedAt is not null)
        {
            return new ImportAnswer.Refused(409, "已导入", "这次导入已经确认过，不会重复写入。");
        }
        // Claimed first (ConfirmedAt is the concurrency token): of two confirms racing, only one writes.
        preview.ConfirmedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ImportAnswer.Refused(409, "已导入", "这次导入已经确认过，不会重复写入。");
        }
        var stored = JsonSerializer.Deserialize<StoredPreview>(preview.PreviewJson, DeclarationJson.Options)!;
        var results = new List<ImportFormResult>();
        foreach (var (view, form) in stored.Forms)
        {
            results.Add(await WriteAsync(actor, stored.CycleYear, view, form, ct));
        }
        db.ChangeTracker.Clear();
        var saved = await db.ImportPreviews.FirstAsync(p => p.Id == id, ct);
        saved.ResultJson = JsonSerializer.Serialize(results, DeclarationJson.Options);
        await db.SaveChangesAsync(ct);
        return new ImportAnswer.Ok(View(saved));
    }

    private async Task<ImportFormResult> WriteAsync(Actor actor, int? cycleYear, ImportFormView view, DeclarationForm? form, CancellationToken ct)
    {
        ImportFormResult Result(string outcome, string? reason, Guid? declarationId) =>
            new(view.Index, view.FileName, view.Code, view.Name, outcome, ImportOutcomes.Label(outcome), reason, declarationId);
        if (view.Outcome == ImportOutcomes.Skip || form is null || cycleYear is null)
        {
            return Result(ImportOutcomes.Skip, view.Reason, view.DeclarationId);
        }
        var source = new ImportSource(view.FileName, view.SectionId);
        ActionOutcome outcome;
        try
        {
            // Each call is one SaveChanges, i.e. one transaction; a failure leaves nothing tracked for the next form.
            outcome = view.Outcome == ImportOutcomes.Update
                ? await workflow.UpdateAsync(actor, view.DeclarationId!.Value, form, view.ExpectedVersion, SaveKind.Explicit, source, ct)
                : await workflow.CreateAsync(actor, cycleYear.Value, form, null, source, ct);
        }
        catch (DbUpdateException)
        {
            outcome = new ActionOutcome.BadRequest("保存时数据库拒绝了这张申报表，未写入。");
        }
        if (outcome is ActionOutcome.Done { Declaration: { } declaration })
        {
            return Result(view.Outcome, null, declaration.Id);
        }
        db.ChangeTracker.Clear();
        var reason = outcome switch
        {
            ActionOutcome.Stale s => $"预览之后这张草稿已被 {s.ChangedBy} 修改（现为第 {s.CurrentVersion} 版），未覆盖；请重新上传。",
            _ => ApiReason(outcome),
        };
        return Result(ImportOutcomes.Skip, reason, view.DeclarationId);
    }

    private static string ApiReason(ActionOutcome outcome) =>
        PerfWorkflow.Api.Declarations.ApiResults.Details(outcome).Detail ?? "未写入。";

    private static ImportPreviewView View(ImportPreview preview)
    {
        var stored = JsonSerializer.Deserialize<StoredPreview>(preview.PreviewJson, DeclarationJson.Options)!;
        var results = preview.ResultJson is null ? null : JsonSerializer.Deserialize<List<ImportFormResult>>(preview.ResultJson, DeclarationJson.Options);
        return new ImportPreviewView(preview.Id, stored.CycleYear, preview.ExpiresAt, preview.ConfirmedAt is not null, [.. stored.Forms.Select(f => f.View)], results);
    }
}
