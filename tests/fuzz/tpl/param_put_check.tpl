    if (r == MI_RESULT_OK && !in)
        r = MI_RESULT_INVALID_PARAMETER;
