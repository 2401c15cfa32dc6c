using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PerfWorkflow.Workflows.Attachments;

/// <summary>
/// A supporting document of a declaration's 测算依据 (quotation, approval, plan), stored in the database so every app node
/// serves the same bytes (docs/security.md, file uploads).
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public Guid DeclarationId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The type detected from the bytes (<see cref="AttachmentContent"/>), never the one the browser sent.</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public Guid UploadedById { get; set; }

    public string UploadedByName { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The declaration's version counter when the file was uploaded.</summary>
    public int DeclarationVersion { get; set; }
}

/// <summary>Limits of attachments, from the "Attachments" section of the settings.</summary>
/// <summary>Why files were not stored, in Chinese; <see cref="TooLarge"/> when a size limit refused them.</summary>
public sealed record AttachmentRefusal(string Message, bool TooLarge = false);

public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxDeclarationBytes { get; set; } = 100L * 1024 * 1024;
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(128);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedByName).HasMaxLength(200);
        builder.HasIndex(a => a.DeclarationId);
        builder.HasOne<PerfWorkflow.Workflows.Declarations.Declaration>().WithMany().HasForeignKey(a => a.DeclarationId).OnDelete(DeleteBehavior.Cascade);
    }
}
