namespace Cloudnet.Emulator.Api;

/// <summary>One Filter.N of a Describe request: a name and the values any of which may match.</summary>
internal sealed record Ec2Filter(string Name, IReadOnlyList<string> Values)
{
    /// <summary>EC2 filter values may use * (any run) and ? (one character).</summary>
    public bool Matches(string? actual) => actual is not null && Values.Any(v => Glob(v, actual));

    public bool MatchesAny(IEnumerable<string> actual) => actual.Any(Matches);

    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
