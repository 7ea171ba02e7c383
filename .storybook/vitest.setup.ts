import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview';
import { setProjectAnnotations } from '@storybook/react-vite';
import * as projectAnnotations from './preview.js';

// Applies the preview (decorators, globals, `a11y.test: 'error'`) and the a11y addon to every story test.
setProjectAnnotations([a11yAddonAnnotations, projectAnnotations]);
