// jest-dom matchers (toBeInTheDocument…) for the type checker; jest loads them through setupFilesAfterEnv.
/// <reference types="@testing-library/jest-dom" />
