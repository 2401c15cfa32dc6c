using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Attachments;

/// <summary>An attachment without its bytes, for lists.</summary>
public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedByName, DateTimeOffset UploadedAt, int DeclarationVersion);

/// <summary>Upload, list, read and delete the attachments of a declaration; who may see or change them follows the declaration.</summary>
public sealed class AttachmentStore(PerfWorkflowDbContext db, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public const string AttachAction = "attach";
    public const string DetachAction = "detach";

    public AttachmentOptions Limits => options.Value;

    public Task<List<AttachmentInfo>> ListAsync(Guid declarationId, CancellationToken ct) =>
        db.Attachments.AsNoTracking().Where(a => a.DeclarationId == declarationId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.FileName)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedByName, a.UploadedAt, a.DeclarationVersion))
            .ToListAsync(ct);

    public Task<Attachment?> FindAsync(Guid declarationId, Guid attachmentId, CancellationToken ct) =>
        db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.DeclarationId == declarationId && a.Id == attachmentId, ct);

    /// <summary>
    /// Checks every file first (type by content, size per file and per declaration), then stores all or none,
    /// with one audit entry per file. Returns the refusal (in Chinese, and whether a size limit made it), or null when stored.
    /// </summary>
    public async Task<AttachmentRefusal?> AddAsync(Declaration declaration, Actor actor, IReadOnlyList<(string FileName, byte[] Bytes)> files, CancellationToken ct)
    {
        if (!DeclarationAccess.CanEdit(declaration, actor))
        {
            return new("只有可编辑这张申报表的人员，在草稿（或退回修改）阶段才能上传附件。");
        }
        if (files.Count == 0)
        {
            return new("请选择要上传的文件。");
        }
        var limits = options.Value;
        var used = await db.Attachments.Where(a => a.DeclarationId == declaration.Id).SumAsync(a => (long?)a.Size, ct) ?? 0;
        var now = clock.GetUtcNow();
        var rows = new List<Attachment>();
        foreach (var (rawName, bytes) in files)
        {
            var name = SafeName(rawName);
            if (bytes.Length == 0)
            {
                return new($"文件“{name}”是空文件。");
            }
            if (bytes.LongLength > limits.MaxFileBytes)
            {
                return new($"文件“{name}”超过单个附件的大小上限 {Megabytes(limits.MaxFileBytes)}，未上传任何文件。", TooLarge: true);
            }
            var type = AttachmentContent.Detect(bytes);
            if (type is null)
            {
                return new($"文件“{name}”：{AttachmentContent.Refused}未上传任何文件。");
            }
            used += bytes.LongLength;
            if (used > limits.MaxDeclarationBytes)
            {
                return new($"一张申报表的附件合计不能超过 {Megabytes(limits.MaxDeclarationBytes)}，未上传任何文件。", TooLarge: true);
            }
            rows.Add(new Attachment
            {
                Id = Guid.NewGuid(),
                DeclarationId = declaration.Id,
                FileName = name,
                ContentType = type,
                Size = bytes.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Content = bytes,
                UploadedById = actor.UserId,
                UploadedByName = actor.Name,
                UploadedAt = now,
                DeclarationVersion = declaration.Version,
            });
        }
        foreach (var row in rows)
        {
            db.Attachments.Add(row);
            Audit(declaration, actor, AttachAction, row.FileName, now);
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Deletes one attachment while the declaration is editable by this user; the refusal in Chinese, or null.</summary>
    public async Task<string?> DeleteAsync(Declaration declaration, Actor actor, Guid attachmentId, CancellationToken ct)
    {
        if (!DeclarationAccess.CanEdit(declaration, actor))
        {
            return "申报表已提交或您无权编辑，不能删除附件。";
        }
        var row = await db.Attachments.FirstOrDefaultAsync(a => a.DeclarationId == declaration.Id && a.Id == attachmentId, ct);
        if (row is null)
        {
            return null;
        }
        db.Attachments.Remove(row);
        Audit(declaration, actor, DetachAction, row.FileName, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>The name without folders or control characters, at most 255 characters.</summary>
    public static string SafeName(string name)
    {
        var leaf = name.Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..];
        leaf = string.Concat(leaf.Where(c => !char.IsControl(c) && c is not '"')).Trim();
        if (leaf.Length == 0)
        {
            leaf = "附件";
        }
        return leaf.Length > 255 ? leaf[^255..] : leaf;
    }

    private void Audit(Declaration declaration, Actor actor, string action, string fileName, DateTimeOffset now) =>
        db.AuditEvents.Add(AuditEvent.For(declaration, actor, action, declaration.Stage.ToString(), declaration.Stage.ToString(), fileName, now));
}
