namespace PerfWorkflow.Api.Files;

/// <summary>
/// A forward-only write stream over the response body that never writes to it synchronously: synchronous writes
/// (which <see cref="System.IO.Compression.ZipArchive"/> still makes for some headers) land in a small buffer that
/// the next asynchronous write or <see cref="FlushAsync(CancellationToken)"/> sends first. Callers flush after each
/// zip entry, so at most one entry's synchronous output is held in memory.
/// </summary>
internal sealed class AsyncOnlyWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        written += buffer.Length;
    }

    /// <summary>Nothing synchronous reaches the response; the buffer waits for <see cref="FlushAsync(CancellationToken)"/>.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await SendPendingAsync(CancellationToken.None);
        await pending.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0)
        {
            return;
        }
        await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
