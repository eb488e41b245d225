using System.Text;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>
/// The lab's mark on its table: <c>topo:LAB</c> as the table's comment, which the kernel keeps in the
/// table's user data as libnftnl writes it (type-length-value entries, NFTNL_UDATA_TABLE_COMMENT with a
/// NUL-terminated string), so that <c>nft list table</c> shows <c>comment "topo:LAB"</c>. The kernel
/// sets a table's user data only when it makes the table.
/// </summary>
internal static class NftTableMark
{
    private const byte Comment = 0; // NFTNL_UDATA_TABLE_COMMENT

    public static byte[] UserData(string lab)
    {
        var text = Encoding.UTF8.GetBytes(Ownership.Mark(lab) + "\0");
        if (text.Length > byte.MaxValue) throw new ArgumentException($"lab name '{lab}' is too long for an nftables table comment");
        return [Comment, (byte)text.Length, .. text];
    }

    /// <summary>The lab the user data marks the table for, or null when it carries no mark of topo's.</summary>
    public static string? LabOf(ReadOnlySpan<byte> userData)
    {
        while (userData.Length >= 2)
        {
            var (type, length) = (userData[0], userData[1]);
            if (userData.Length < 2 + length) return null;
            var value = userData.Slice(2, length);
            if (type == Comment) return Ownership.LabOf(Encoding.UTF8.GetString(value.TrimEnd((byte)0)));
            userData = userData[(2 + length)..];
        }

        return null;
    }
}
