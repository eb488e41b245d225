namespace Topo.Core.Parsing;

/// <summary>The "did you mean" of an unknown key: the allowed key a typo most likely meant, if any.</summary>
public static class KeySuggestions
{
    public const int MaxDistance = 2;

    /// <summary>
    /// The nearest allowed key within <see cref="MaxDistance"/> edits, ignoring case. Short keys
    /// must be nearer (at most a third of their length), or 'ab' would suggest 'to'.
    /// </summary>
    public static string? Closest(string written, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var limit = Math.Min(MaxDistance, (candidate.Length + 2) / 3);
            var distance = Distance(written.ToLowerInvariant(), candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Edit distance counting a swap of neighbours as one edit ("subent" is one from "subnet").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
