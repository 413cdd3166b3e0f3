using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// A position in the newest-first task list: the creation time and id of a row. Rows are ordered by both, so a
/// page boundary is exact even when tasks are created in the same millisecond or new tasks arrive between pages.
/// </summary>
/// <param name="CreatedAtMs">The row's creation time in Unix milliseconds.</param>
/// <param name="TaskId">The row's task id.</param>
public sealed record TaskListCursor(long CreatedAtMs, string TaskId)
{
    /// <summary>Encodes the cursor as an opaque URL-safe token.</summary>
    /// <returns>The token.</returns>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CreatedAtMs.ToString(CultureInfo.InvariantCulture) + ":" + TaskId));

    /// <summary>Decodes a token made by <see cref="Encode"/>.</summary>
    /// <param name="token">The token.</param>
    /// <param name="cursor">The cursor, when the token is valid.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    public static bool TryDecode(string token, [NotNullWhen(true)] out TaskListCursor? cursor)
    {
        cursor = null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt))
        {
            return false;
        }

        cursor = new TaskListCursor(createdAt, text[(colon + 1)..]);
        return true;
    }
}
