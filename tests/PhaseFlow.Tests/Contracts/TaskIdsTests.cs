using PhaseFlow.Contracts;
using Xunit;

namespace PhaseFlow.Tests.Contracts;

public sealed class TaskIdsTests
{
    [Theory]
    [InlineData("t1")]
    [InlineData("a.b_c:d-E9")]
    public void IsValid_IdOfAllowedCharacters_IsTrue(string id) => Assert.True(TaskIds.IsValid(id));

    [Theory]
    [InlineData("t1\n")]
    [InlineData("t1\r\n")]
    [InlineData("\nt1")]
    [InlineData("")]
    [InlineData("t 1")]
    public void IsValid_IdWithAnyOtherCharacter_IsFalse(string id) => Assert.False(TaskIds.IsValid(id));
}
